import type { SyncedRecord } from "@leadpane/domain/sync";
import type { Tx } from "../db/client.ts";
import { forEachTypeChunk, placeholders, rawTx, type SqlTx } from "./raw-tx.ts";

const keyOf = (type: string, id: string) => `${type}:${id}`;

/** A record reference as mutations and activity subjects carry it. */
export interface RecordRef {
  type: string;
  id: string;
}

/**
 * Which records were erased for privacy (the `erasures` table), read inside a push's write
 * transaction so no mutation can bring one back: an offline client's queued create of an erased
 * person (or of a note or task about them) must be refused, never applied. Workspaces that never
 * erased anyone (almost all pushes) cost one indexed probe.
 */
export class ErasureIndex {
  readonly #sql: SqlTx;
  readonly #known = new Map<string, boolean>();
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
    for (const ref of unknown) this.#known.set(keyOf(ref.type, ref.id), false);
    await forEachTypeChunk(unknown, async (type, chunk) => {
      const rows = await this.#sql.execute({
        sql: `SELECT id FROM erasures WHERE workspace_id = ? AND type = ? AND id IN (${placeholders(chunk.length)})`,
        args: [this.workspaceId, type, ...chunk],
      });
      for (const row of rows.rows) this.#known.set(keyOf(type, String(row.id)), true);
    });
  }

  async isErased(ref: RecordRef): Promise<boolean> {
    if (!(await this.#hasAny())) return false;
    const key = keyOf(ref.type, ref.id);
    if (!this.#known.has(key)) await this.prefetch([ref]);
    return this.#known.get(key) === true;
  }

  /**
   * The erased record a mutation's changes would bring back, if any: a changed record (not a
   * tombstone) that was erased, or an activity or task about an erased record.
   */
  async resurrected(changed: SyncedRecord[]): Promise<RecordRef | null> {
    if (!(await this.#hasAny())) return null;
    const refs = changed.flatMap((record) => refsOf(record));
    await this.prefetch(refs);
    for (const ref of refs) if (await this.isErased(ref)) return ref;
    return null;
  }

  async #hasAny(): Promise<boolean> {
    if (this.#any === undefined) {
      const rows = await this.#sql.execute({
        sql: "SELECT 1 FROM erasures WHERE workspace_id = ? LIMIT 1",
        args: [this.workspaceId],
      });
      this.#any = rows.rows.length > 0;
    }
    return this.#any;
  }
}

/** The records a changed record would keep alive: itself (unless tombstoned) and its subject. */
function refsOf(record: SyncedRecord): RecordRef[] {
  // A tombstone brings nothing back (deleting a record is always allowed).
  if (record.deleted) return [];
  const refs: RecordRef[] = [{ type: record.type, id: record.id }];
  const subject = record.type === "activity" || record.type === "task" ? subjectOf(record.data) : null;
  if (subject) refs.push(subject);
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
