// Helpers for the handlers' tests: a replica in a Map that applies mutations through the registry.
import { ctx, memory } from "../testing/registry-replica.ts";

export { ctx, memory };

/** Two fixed record ids. */
export const ID = "01890a5d-ac96-774b-bcce-b302099a8057";
export const ID2 = "01890a5d-ac96-774b-bcce-b302099a8058";

/** A store holding one lead, `ID`, created at ctx(1) with these fields. */
export async function leadDb(fields: Record<string, unknown> = { name: "Jane" }) {
  const db = memory();
  const created = await db.run("create", { type: "lead", id: ID, fields }, ctx(1));
  if (!created.ok) throw new Error(created.error.message);
  return db;
}
