import type { RecordType } from "./common.ts";
import { registrableDomain } from "./normalize.ts";
import type { ApplyError, RecordReader } from "./sync/context.ts";

/**
 * Why a company may not take the domain a write gives it: another live company already holds it
 * (the contract makes a company's domain unique in a workspace), or null. Checked by the create and
 * update handlers, so on the server it runs inside the push's write transaction (concurrent creates
 * are serialised, and a sync create is held to it like an HTTP one). A replica without a key index
 * (`findByKey`) cannot tell and lets the server decide.
 */
export async function companyDomainConflict(
  reader: RecordReader,
  type: RecordType,
  id: string,
  fields: Readonly<Record<string, unknown>>,
): Promise<ApplyError | null> {
  if (type !== "company" || typeof fields.domain !== "string" || !reader.findByKey) return null;
  const domain = registrableDomain(fields.domain);
  if (!domain) return null;
  const holders = await reader.findByKey(`domain:${domain}`);
  const other = holders.find((record) => record.type === "company" && record.id !== id && !record.deleted);
  return other ? { code: "conflict", message: `Company ${other.id} already has the domain ${domain}` } : null;
}
