import { companyDomainConflict } from "../company-domain.ts";
import { domainWriteError, withStatusChange } from "../lifecycle.ts";
import { updateRecord } from "../sync/fields.ts";
import { defineMutation, subjectRefs } from "../sync/handler.ts";
import { UpdateArgsSchema, onRecord } from "../sync/primitives.ts";

/** Sets scalar fields, last writer (by clock) wins per field; a lead's status change records its activity. */
export const updateMutation = defineMutation({
  name: "update",
  args: UpdateArgsSchema,
  refs: ({ type, id, set }) => [{ type, id }, ...subjectRefs(set)],
  apply: (reader, { type, id, set }, ctx) =>
    onRecord(reader, { type, id }, async (existing) => {
      const broken =
        domainWriteError(existing.type, existing, set, ctx) ?? (await companyDomainConflict(reader, type, id, set));
      if (broken) return { ok: false, error: broken };
      return withStatusChange(existing, updateRecord(existing, set, ctx), ctx);
    }),
});
