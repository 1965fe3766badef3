import { domainSetWriteError } from "../lifecycle.ts";
import { notFound } from "../sync/context.ts";
import { removeValues, setFieldError } from "../sync/fields.ts";
import { defineMutation } from "../sync/handler.ts";
import { RemoveArgsSchema } from "../sync/primitives.ts";

/** Removes the adds of values the client saw from a set-valued field; an add it had not seen survives. */
export const removeMutation = defineMutation({
  name: "remove",
  args: RemoveArgsSchema,
  refs: ({ type, id }) => [{ type, id }],
  async apply(reader, { type, id, field, observed }, ctx) {
    const existing = await reader.get(type, id);
    if (!existing) return notFound(type, id);
    const refused = setFieldError(existing, field) ?? domainSetWriteError(existing);
    if (refused) return { ok: false, error: refused };
    return removeValues(existing, field, observed, ctx);
  },
});
