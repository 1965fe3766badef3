import type { SubjectRef } from "@leadpane/domain";
import type { LocalChange } from "../local-db/local-mutations.ts";

/** The `capture` activity every capture path records: where from, who, when, and by which methods. */
export function captureActivity(input: {
  id: string;
  subject: SubjectRef;
  body: string;
  at: string;
  authorId: string;
  data: Record<string, unknown>;
}): LocalChange {
  return {
    name: "create",
    args: {
      type: "activity",
      id: input.id,
      fields: {
        type: "capture",
        subject: input.subject,
        body: input.body,
        occurredAt: input.at,
        authorId: input.authorId,
        data: input.data,
      },
    },
  };
}
