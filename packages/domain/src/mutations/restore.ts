import { failed } from "../sync/context.ts";
import { setDeleted } from "../sync/fields.ts";
import { defineMutation } from "../sync/handler.ts";
import { fieldsOf } from "../sync/record.ts";
import { RestoreArgsSchema, onRecord } from "../sync/primitives.ts";

/** Brings a tombstoned record back, unless it was merged into another. */
export const restoreMutation = defineMutation({
  name: "restore",
  args: RestoreArgsSchema,
  refs: ({ type, id }) => [{ type, id }],
  apply: (reader, { type, id }, ctx) =>
    onRecord(reader, { type, id }, (existing) => {
      // A merged record lives on in its survivor: bringing it back would make a twin that still
      // points at the survivor. (A rep who had not seen the merge may still send the restore.)
      const mergedIntoId = fieldsOf(existing).mergedIntoId;
      if (typeof mergedIntoId === "string") return failed("conflict", `${type} ${id} was merged into ${mergedIntoId}`);
      return setDeleted(existing, false, ctx);
    }),
});
