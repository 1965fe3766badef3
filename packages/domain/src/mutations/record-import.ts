import { ImportPartSchema } from "../import/entry.ts";
import { defineMutation } from "../sync/handler.ts";

// It changes no record: the server keeps the history (the `imports` table) in the same transaction
// as the push that carries it, so an import committed offline through the outbox is listed, and can
// be undone, once it syncs.

/** Records one part of an import in the workspace's import history: what it created and changed, and its counts. */
export const recordImportMutation = defineMutation({
  name: "recordImport",
  args: ImportPartSchema,
  refs: () => [],
  apply: async () => ({ ok: true, changed: [] }),
});
