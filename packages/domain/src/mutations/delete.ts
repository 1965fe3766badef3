import { setDeleted } from "../sync/fields.ts";
import { defineMutation } from "../sync/handler.ts";
import { DeleteArgsSchema, onRecord } from "../sync/primitives.ts";

/** Tombstones a record; its fields keep receiving concurrent edits, visible again on restore. */
export const deleteMutation = defineMutation({
  name: "delete",
  args: DeleteArgsSchema,
  refs: ({ type, id }) => [{ type, id }],
  apply: (reader, { type, id }, ctx) =>
    onRecord(reader, { type, id }, (existing) => {
      return setDeleted(existing, true, ctx);
    }),
});
