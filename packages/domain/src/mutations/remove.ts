import { domainSetWriteError } from "../lifecycle.ts";
import { removeValues, setFieldError } from "../sync/fields.ts";
import { defineMutation } from "../sync/handler.ts";
import { RemoveArgsSchema, onRecord } from "../sync/primitives.ts";

/** Removes the adds of values the client saw from a set-valued field; an add it had not seen survives. */
export const removeMutation = defineMutation({
  name: "remove",
  args: RemoveArgsSchema,
  refs: ({ type, id }) => [{ type, id }],
  apply: (reader, { type, id, field, observed }, ctx) =>
    onRecord(reader, { type, id }, (existing) => {
      const refused = setFieldError(existing, field) ?? domainSetWriteError(existing);
      if (refused) return { ok: false, error: refused };
      return removeValues(existing, field, observed, ctx);
    }),
});
