import { domainSetWriteError } from "../lifecycle.ts";
import { addValues, setFieldError } from "../sync/fields.ts";
import { defineMutation } from "../sync/handler.ts";
import { AddArgsSchema, onRecord } from "../sync/primitives.ts";

/** Adds values to a set-valued field (emails, phones, tags, urls); a concurrent remove does not undo them. */
export const addMutation = defineMutation({
  name: "add",
  args: AddArgsSchema,
  refs: ({ type, id }) => [{ type, id }],
  apply: (reader, { type, id, field, values }, ctx) =>
    onRecord(reader, { type, id }, (existing) => {
      const refused = setFieldError(existing, field) ?? domainSetWriteError(existing);
      if (refused) return { ok: false, error: refused };
      return addValues(existing, field, values, ctx);
    }),
});
