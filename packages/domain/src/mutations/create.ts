import { companyDomainConflict } from "../company-domain.ts";
import { domainWriteError } from "../lifecycle.ts";
import { failed } from "../sync/context.ts";
import { createRecord, recreateRecord } from "../sync/fields.ts";
import { authorIdOf } from "../sync/context.ts";
import { defineMutation, subjectRefs } from "../sync/handler.ts";
import { CreateArgsSchema } from "../sync/primitives.ts";

/** Creates a record (a replayed or concurrent create of an existing id sets its fields instead). */
export const createMutation = defineMutation({
  name: "create",
  args: CreateArgsSchema,
  refs: ({ type, id, fields }) => [{ type, id }, ...subjectRefs(fields)],
  async apply(reader, { type, id, fields: given }, ctx) {
    // An activity's author is whoever applies it, never a name the writer chose.
    const fields = type === "activity" ? { ...given, authorId: authorIdOf(ctx) } : given;
    const existing = await reader.get(type, id);
    // An id in the trash: writing into a tombstone nobody sees would answer "created" for nothing;
    // the record comes back by `restore`.
    if (existing?.deleted) return failed("conflict", `${type} ${id} is in the trash; restore it instead`);
    const broken =
      domainWriteError(type, existing, fields, ctx) ?? (await companyDomainConflict(reader, type, id, fields));
    if (broken) return { ok: false, error: broken };
    return existing ? recreateRecord(existing, fields, ctx) : createRecord(type, id, fields, ctx);
  },
});
