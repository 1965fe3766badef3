import { domainWriteError, withStatusChange } from "../lifecycle.ts";
import { notFound } from "../sync/context.ts";
import { updateRecord } from "../sync/fields.ts";
import { defineMutation } from "../sync/handler.ts";
import { RestoreValueArgsSchema } from "../sync/primitives.ts";

/** Puts an overwritten value from a record's history back: a new write, by the rules of an update. */
export const restoreValueMutation = defineMutation({
  name: "restoreValue",
  args: RestoreValueArgsSchema,
  refs: ({ type, id }) => [{ type, id }],
  async apply(reader, { type, id, field, value }, ctx) {
    const existing = await reader.get(type, id);
    if (!existing) return notFound(type, id);
    const broken = domainWriteError(existing.type, existing, { [field]: value }, ctx);
    if (broken) return { ok: false, error: broken };
    return withStatusChange(existing, updateRecord(existing, { [field]: value }, ctx), ctx);
  },
});
