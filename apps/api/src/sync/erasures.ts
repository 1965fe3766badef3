import { createHash } from "node:crypto";
import type { SyncedRecord } from "@leadpane/domain/sync";
import type { Tx } from "../db/client.ts";
import { forEachTypeChunk, placeholders, rawTx, type SqlTx } from "./raw-tx.ts";

const keyOf = (type: string, id: string) => `${type}:${id}`;

/** A record reference as mutations and activity subjects carry it. */
export interface RecordRef {
  type: string;
  id: string;
}

/** Why a record was hard-deleted: erased for privacy, or purged from the trash after 30 days. */
export type ErasureReason = "privacy" | "purged";

/** A hard-deleted record a mutation names or would bring back, and why it is gone. */
export interface Erased {
  ref: RecordRef;
  reason: ErasureReason;
}

/**
 * Which records were hard-deleted (the `erasures` table: erased for privacy, or purged from the
 * trash), read inside a push's write transaction so no mutation can bring one back: an offline
 * client's queued create of an erased person (or of a note or task about them) or its update or
 * restore of a purged record must be refused, never applied. Workspaces that never erased or
 * purged anything (almost all pushes) cost one indexed probe.
 */
export class ErasureIndex {
  readonly #sql: SqlTx;
  readonly #known = new Map<string, ErasureReason | null>();
  /** When each erased identifier (by hash) was erased, for the hashes looked up so far; null: never. */
  readonly #keys = new Map<string, number | null>();
  #any: boolean | undefined;

  constructor(
    tx: Tx,
    private readonly workspaceId: string,
  ) {
    this.#sql = rawTx(tx);
  }

  /** Looks up the given references in one query per type, so the checks that follow read from memory. */
  async prefetch(refs: RecordRef[]): Promise<void> {
    if (!(await this.#hasAny())) return;
    const unknown = refs.filter((ref) => !this.#known.has(keyOf(ref.type, ref.id)));
    for (const ref of unknown) this.#known.set(keyOf(ref.type, ref.id), null);
    await forEachTypeChunk(unknown, async (type, chunk) => {
      const rows = await this.#sql.execute({
        sql:
          `SELECT id, reason FROM erasures WHERE workspace_id = ? AND type = ? ` +
          `AND id IN (${placeholders(chunk.length)})`,
        args: [this.workspaceId, type, ...chunk],
      });
      for (const row of rows.rows)
        this.#known.set(keyOf(type, String(row.id)), row.reason === "purged" ? "purged" : "privacy");
    });
  }

  /** Why the record is gone for good, or null when it never was hard-deleted. */
  async erasureOf(ref: RecordRef): Promise<ErasureReason | null> {
    if (!(await this.#hasAny())) return null;
    const key = keyOf(ref.type, ref.id);
    if (!this.#known.has(key)) await this.prefetch([ref]);
    return this.#known.get(key) ?? null;
  }

  /**
   * The hard-deleted record a mutation's changes would bring back, if any: a changed record (not a
   * tombstone) that was erased or purged, or an activity or task about a person erased for privacy.
   * (A note or task about a purged record stays editable: the purge removed only the tombstone.)
   */
  async resurrected(changed: SyncedRecord[]): Promise<Erased | null> {
    if (!(await this.#hasAny())) return null;
    const refs = changed.flatMap((record) => refsOf(record));
    await this.prefetch(refs.map(({ ref }) => ref));
    for (const { ref, own } of refs) {
      const reason = await this.erasureOf(ref);
      if (reason === "privacy" || (reason === "purged" && own)) return { ref, reason };
    }
    return null;
  }

  /**
   * What a mutation made before an erasure would bring back of it: an email address of an erased
   * person that a changed record did not hold before (a queued create of a new record, an add to a
   * company), or a new reference to an erased record (a contact naming an erased lead as its
   * source). `before` gives each changed record's state ahead of the mutation; `madeAtMs` is when
   * the mutation was made (its clock). Changes made after the erasure are new captures and pass.
   */
  async carriedBack(
    changed: SyncedRecord[],
    before: (record: SyncedRecord) => Promise<SyncedRecord | undefined>,
    madeAtMs: number,
  ): Promise<string | null> {
    if (!(await this.#hasAny())) return null;
    for (const record of changed) {
      if (record.deleted) continue;
      const old = await before(record);
      const had = new Set(emailsOf(old));
      for (const email of emailsOf(record)) {
        if (had.has(email)) continue;
        const erasedAt = await this.#erasedAt(erasedKeyHash(this.workspaceId, email));
        if (erasedAt !== null && madeAtMs < erasedAt)
          return `${email} belongs to a person erased for privacy after this change was made`;
      }
      const referenced = new Set(referencesOf(old).map((ref) => keyOf(ref.type, ref.id)));
      for (const ref of referencesOf(record)) {
        if (referenced.has(keyOf(ref.type, ref.id))) continue;
        if ((await this.erasureOf(ref)) === "privacy")
          return `${ref.type} ${ref.id} was erased for privacy and cannot come back`;
      }
    }
    return null;
  }

  async #erasedAt(hash: string): Promise<number | null> {
    if (!this.#keys.has(hash)) {
      const rows = await this.#sql.execute({
        sql: "SELECT erased_at_ms FROM erased_keys WHERE workspace_id = ? AND key_hash = ?",
        args: [this.workspaceId, hash],
      });
      this.#keys.set(hash, rows.rows[0] ? Number(rows.rows[0].erased_at_ms) : null);
    }
    return this.#keys.get(hash) ?? null;
  }

  async #hasAny(): Promise<boolean> {
    if (this.#any === undefined) {
      const rows = await this.#sql.execute({
        sql:
          "SELECT 1 FROM erasures WHERE workspace_id = ? UNION ALL " +
          "SELECT 1 FROM erased_keys WHERE workspace_id = ? LIMIT 1",
        args: [this.workspaceId, this.workspaceId],
      });
      this.#any = rows.rows.length > 0;
    }
    return this.#any;
  }
}

/** The records a changed record would keep alive: itself (unless tombstoned, `own`) and its subject. */
function refsOf(record: SyncedRecord): Array<{ ref: RecordRef; own: boolean }> {
  // A tombstone brings nothing back (deleting a record is always allowed).
  if (record.deleted) return [];
  const refs: Array<{ ref: RecordRef; own: boolean }> = [{ ref: { type: record.type, id: record.id }, own: true }];
  const subject = record.type === "activity" || record.type === "task" ? subjectOf(record.data) : null;
  if (subject) refs.push({ ref: subject, own: false });
  return refs;
}

/** The `subject` reference of an activity or task, or of a create's or update's fields. */
function subjectOf(fields: unknown): RecordRef | null {
  const subject = (fields as { subject?: unknown } | null | undefined)?.subject as
    | { type?: unknown; id?: unknown }
    | null
    | undefined;
  return subject && typeof subject.type === "string" && typeof subject.id === "string"
    ? { type: subject.type, id: subject.id }
    : null;
}

/** The hash an erased email address is remembered by: salted with the workspace, so no address is kept. */
export function erasedKeyHash(workspaceId: string, email: string): string {
  return createHash("sha256").update(`${workspaceId}\u0000email:${email.trim().toLowerCase()}`).digest("hex");
}

function emailsOf(record: SyncedRecord | undefined): string[] {
  const emails = (record?.data as Record<string, unknown> | undefined)?.emails;
  return Array.isArray(emails)
    ? emails.filter((e): e is string => typeof e === "string").map((e) => e.trim().toLowerCase())
    : [];
}

/** The people a record points at: the ones an erasure removes (leads, contacts) and may not come back through it. */
function referencesOf(record: SyncedRecord | undefined): RecordRef[] {
  if (!record) return [];
  const data = record.data as Record<string, unknown>;
  const refs: RecordRef[] = [];
  const push = (type: string, id: unknown) => {
    if (typeof id === "string") refs.push({ type, id });
  };
  if (Array.isArray(data.sourceLeadIds)) for (const id of data.sourceLeadIds) push("lead", id);
  push("contact", data.convertedContactId);
  push("lead", data.leadId);
  push("contact", data.contactId);
  push(record.type, data.mergedIntoId);
  const subject = subjectOf(data);
  if (subject) refs.push(subject);
  return refs;
}
