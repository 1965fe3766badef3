import { notFound } from "../sync/context.ts";
import { setDeleted } from "../sync/fields.ts";
import { defineMutation } from "../sync/handler.ts";
import { DeleteArgsSchema } from "../sync/primitives.ts";

/** Tombstones a record; its fields keep receiving concurrent edits, visible again on restore. */
export const deleteMutation = defineMutation({
  name: "delete",
  args: DeleteArgsSchema,
  refs: ({ type, id }) => [{ type, id }],
  async apply(reader, { type, id }, ctx) {
    const existing = await reader.get(type, id);
    if (!existing) return notFound(type, id);
    return setDeleted(existing, true, ctx);
  },
});
