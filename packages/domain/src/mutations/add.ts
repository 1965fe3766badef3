import { domainSetWriteError } from "../lifecycle.ts";
import { notFound } from "../sync/context.ts";
import { addValues, setFieldError } from "../sync/fields.ts";
import { defineMutation } from "../sync/handler.ts";
import { AddArgsSchema } from "../sync/primitives.ts";

/** Adds values to a set-valued field (emails, phones, tags, urls); a concurrent remove does not undo them. */
export const addMutation = defineMutation({
  name: "add",
  args: AddArgsSchema,
  refs: ({ type, id }) => [{ type, id }],
  async apply(reader, { type, id, field, values }, ctx) {
    const existing = await reader.get(type, id);
    if (!existing) return notFound(type, id);
    const refused = setFieldError(existing, field) ?? domainSetWriteError(existing);
    if (refused) return { ok: false, error: refused };
    return addValues(existing, field, values, ctx);
  },
});
