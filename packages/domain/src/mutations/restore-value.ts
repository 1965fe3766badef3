import { domainWriteError, withStatusChange } from "../lifecycle.ts";
import { updateRecord } from "../sync/fields.ts";
import { defineMutation } from "../sync/handler.ts";
import { RestoreValueArgsSchema, onRecord } from "../sync/primitives.ts";

/** Puts an overwritten value from a record's history back: a new write, by the rules of an update. */
export const restoreValueMutation = defineMutation({
  name: "restoreValue",
  args: RestoreValueArgsSchema,
  refs: ({ type, id }) => [{ type, id }],
  apply: (reader, { type, id, field, value }, ctx) =>
    onRecord(reader, { type, id }, (existing) => {
      const broken = domainWriteError(existing.type, existing, { [field]: value }, ctx);
      if (broken) return { ok: false, error: broken };
      return withStatusChange(existing, updateRecord(existing, { [field]: value }, ctx), ctx);
    }),
});
