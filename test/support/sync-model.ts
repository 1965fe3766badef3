import { isDeepStrictEqual } from "node:util";
import { FIELD_SCHEMAS, isSetField, SET_FIELDS, type RecordType } from "@leadpane/domain";
import type { WireRecord } from "@leadpane/domain/sync";

/**
 * What the server must hold after a set of mutations, worked out by the merge rules themselves
 * (docs/sync-protocol.md), independently of `applyMutation`: the crash test feeds it every mutation
 * its clients made and compares every field of every record the server returns.
 *
 * - Scalar fields: the write with the newest clock wins. Every other write of the field (and the
 *   default a first update replaced) is in `meta.history`, once.
 * - Sets: a value is present while some add clock of it was not named by a remove (add wins).
 * - Deleted: the newest `delete` or `restore` by clock decides.
 *
 * Only the primitive mutations the crash test makes are modelled (create, update, add, remove,
 * delete, restore) of leads and companies, with values already in normalized form (lower-case
 * emails, trimmed text), and fewer update field-writes per record than the history keeps (50), so
 * that no history entry is ever trimmed.
 */

/** One mutation as a client made it. */
export interface ModelMutation {
  clientId: string;
  id: number;
  name: string;
  args: unknown;
  hlc: string;
}

/** Actions whose audit entries the model predicts. */
export const MODEL_ACTIONS = ["create", "update", "add", "remove", "delete", "restore"] as const;
export type ModelAction = (typeof MODEL_ACTIONS)[number];

interface Write {
  value: unknown;
  hlc: string;
  clientId: string;
}

interface ModelRecord {
  type: RecordType;
  id: string;
  /** Scalar fields the create named (the others start at their default, without a clock). */
  named: Set<string>;
  /** Every write of each scalar field: the create's, then updates'. */
  writes: Map<string, Write[]>;
  /** Per set field, per value: the clocks of the adds (create included). */
  adds: Map<string, Map<string, string[]>>;
  /** Per set field, per value: the add clocks removes named. */
  removed: Map<string, Map<string, Set<string>>>;
  lifecycle: Array<{ deleted: boolean; hlc: string }>;
  /** Mutations of each action made on this record. */
  actions: Record<ModelAction, number>;
  writers: Set<string>;
}

/** What the model expects one record to look like on the server. */
export interface ExpectedRecord {
  type: RecordType;
  id: string;
  deleted: boolean;
  /** Every data field except the server-stamped createdAt and updatedAt. */
  data: Record<string, unknown>;
  clocks: Record<string, string>;
  sets: Record<string, Record<string, string[]>>;
  /** `meta.history` as {field, value, hlc}, sorted (its order depends on the server's apply order). */
  history: Array<{ field: string; value: unknown; hlc: string }>;
  /** The deletes and restores applied to the record, each with its clock. */
  lifecycle: Array<{ deleted: boolean; hlc: string }>;
  actions: Record<ModelAction, number>;
}

const key = (type: string, id: string) => `${type}:${id}`;

export class SyncModel {
  readonly records = new Map<string, ModelRecord>();
  readonly mutations: ModelMutation[] = [];

  /** Records one mutation a client made (in any order: the outcome does not depend on it). */
  record(mutation: ModelMutation): void {
    this.mutations.push(mutation);
    const args = mutation.args as { type: RecordType; id: string } & Record<string, unknown>;
    const ref = key(args.type, args.id);
    if (mutation.name === "create") {
      if (this.records.has(ref)) throw new Error(`model: ${ref} created twice`);
      const record: ModelRecord = {
        type: args.type,
        id: args.id,
        named: new Set(),
        writes: new Map(),
        adds: new Map(),
        removed: new Map(),
        lifecycle: [],
        actions: { create: 0, update: 0, add: 0, remove: 0, delete: 0, restore: 0 },
        writers: new Set(),
      };
      this.records.set(ref, record);
      for (const [field, value] of Object.entries(args.fields as Record<string, unknown>)) {
        if (isSetField(field)) for (const v of value as string[]) addClock(record.adds, field, v, mutation.hlc);
        else {
          record.named.add(field);
          pushTo(record.writes, field, { value, hlc: mutation.hlc, clientId: mutation.clientId });
        }
      }
    }
    const record = this.records.get(ref);
    if (!record) throw new Error(`model: ${mutation.name} of ${ref}, which no client created`);
    record.actions[mutation.name as ModelAction] += 1;
    record.writers.add(mutation.clientId);
    switch (mutation.name) {
      case "create":
        return;
      case "update":
        for (const [field, value] of Object.entries(args.set as Record<string, unknown>)) {
          if (isSetField(field)) throw new Error("model: updates of set fields are not modelled");
          pushTo(record.writes, field, { value, hlc: mutation.hlc, clientId: mutation.clientId });
        }
        return;
      case "add":
        for (const v of args.values as string[]) addClock(record.adds, args.field as string, v, mutation.hlc);
        return;
      case "remove":
        for (const [v, clocks] of Object.entries(args.observed as Record<string, string[]>)) {
          const byValue = mapIn(record.removed, args.field as string);
          const seen = byValue.get(v) ?? new Set<string>();
          for (const clock of clocks) seen.add(clock);
          byValue.set(v, seen);
        }
        return;
      case "delete":
      case "restore":
        record.lifecycle.push({ deleted: mutation.name === "delete", hlc: mutation.hlc });
        return;
      default:
        throw new Error(`model: ${mutation.name} is not modelled`);
    }
  }

  /** Update field-writes made on a record so far (each is one history entry on the server). */
  updateWrites(type: string, id: string): number {
    const record = this.records.get(key(type, id));
    if (!record) return 0;
    let n = 0;
    for (const writes of record.writes.values()) n += writes.length;
    return n - record.named.size;
  }

  expected(): ExpectedRecord[] {
    return [...this.records.values()].map((record) => expectedOf(record));
  }

  /** How much concurrency the run produced, for the log. */
  stats(): {
    records: number;
    sharedRecords: number;
    lostScalarWrites: number;
    removedThenReadded: number;
    lifecycleConflicts: number;
  } {
    let sharedRecords = 0;
    let lostScalarWrites = 0;
    let removedThenReadded = 0;
    let lifecycleConflicts = 0;
    for (const record of this.records.values()) {
      if (record.writers.size > 1) sharedRecords += 1;
      // A write that lost to an older-made write of another client (concurrent edits).
      for (const writes of record.writes.values()) {
        const winner = maxBy(writes, (w) => w.hlc)!;
        lostScalarWrites += writes.filter((w) => w !== winner && w.clientId !== winner.clientId).length;
      }
      // A value some remove named that is still present: an add the remove had not seen won.
      for (const [field, byValue] of record.removed) {
        for (const [value, seen] of byValue) {
          const clocks = record.adds.get(field)?.get(value) ?? [];
          if (seen.size && clocks.some((c) => !seen.has(c))) removedThenReadded += 1;
        }
      }
      const deleters = new Set(record.lifecycle.map((l) => l.deleted));
      if (deleters.size > 1 && record.writers.size > 1) lifecycleConflicts += 1;
    }
    return { records: this.records.size, sharedRecords, lostScalarWrites, removedThenReadded, lifecycleConflicts };
  }

  /**
   * Compares the server's records with the model: every data field, `deleted`, every field and set
   * clock, every history entry; no record missing or extra. Returns the differences found.
   */
  check(server: WireRecord[], memberId: string, latestVersion: number): string[] {
    const problems: string[] = [];
    const byKey = new Map(server.map((r) => [key(r.type, r.id), r]));
    if (byKey.size !== server.length) problems.push(`the server returned ${server.length - byKey.size} records twice`);
    for (const want of this.expected()) {
      const ref = key(want.type, want.id);
      const got = byKey.get(ref);
      byKey.delete(ref);
      if (!got) {
        problems.push(`${ref} is missing on the server`);
        continue;
      }
      const { createdAt, updatedAt, ...data } = got.data;
      for (const field of new Set([...Object.keys(want.data), ...Object.keys(data)])) {
        if (!isDeepStrictEqual(data[field], want.data[field])) {
          problems.push(
            `${ref} data.${field}: server ${JSON.stringify(data[field])}, model ${JSON.stringify(want.data[field])}`,
          );
        }
      }
      if (got.deleted !== want.deleted) problems.push(`${ref} deleted: server ${got.deleted}, model ${want.deleted}`);
      if (!isDeepStrictEqual(got.meta.clocks, want.clocks))
        problems.push(
          `${ref} meta.clocks: server ${JSON.stringify(got.meta.clocks)}, model ${JSON.stringify(want.clocks)}`,
        );
      if (!isDeepStrictEqual(got.meta.sets, want.sets))
        problems.push(`${ref} meta.sets: server ${JSON.stringify(got.meta.sets)}, model ${JSON.stringify(want.sets)}`);
      // A delete or restore that flipped the flag leaves a `$deleted` entry (the trash reads who and
      // when from it); which ones exist depends on the order the server applied them, so each is
      // checked against the delete or restore that made it rather than modelled.
      for (const entry of got.meta.history.filter((h) => h.field === "$deleted")) {
        if (!want.lifecycle.some((l) => l.hlc === entry.replacedBy && l.deleted === !entry.value))
          problems.push(`${ref} has a $deleted history entry no delete or restore made: ${JSON.stringify(entry)}`);
      }
      const history = sortHistory(
        got.meta.history.filter((h) => h.field !== "$deleted").map(({ field, value, hlc }) => ({ field, value, hlc })),
      );
      if (!isDeepStrictEqual(history, want.history)) {
        problems.push(
          `${ref} meta.history (${history.length} entries, model ${want.history.length}): ` +
            `server ${JSON.stringify(history)}, model ${JSON.stringify(want.history)}`,
        );
      }
      for (const entry of got.meta.history) {
        if (!(entry.replacedBy > entry.hlc))
          problems.push(
            `${ref} history entry of ${entry.field} at ${entry.hlc} replaced by an older clock ${entry.replacedBy}`,
          );
        if (entry.by !== memberId)
          problems.push(`${ref} history entry of ${entry.field} by ${entry.by}, not ${memberId}`);
      }
      if (
        typeof createdAt !== "string" ||
        typeof updatedAt !== "string" ||
        !(createdAt <= updatedAt) ||
        Number.isNaN(Date.parse(updatedAt))
      ) {
        problems.push(`${ref} createdAt ${createdAt} / updatedAt ${updatedAt}`);
      }
      if (!(got.version > 0 && got.version <= latestVersion))
        problems.push(`${ref} version ${got.version} outside 1..${latestVersion}`);
    }
    for (const ref of byKey.keys()) problems.push(`${ref} is on the server but no client created it`);
    return problems;
  }
}

function expectedOf(record: ModelRecord): ExpectedRecord {
  const defaults = FIELD_SCHEMAS[record.type].parse({ name: "x" }) as Record<string, unknown>;
  const data: Record<string, unknown> = { id: record.id, ...defaults };
  const clocks: Record<string, string> = {};
  const history: ExpectedRecord["history"] = [];
  for (const [field, writes] of record.writes) {
    const winner = maxBy(writes, (w) => w.hlc)!;
    data[field] = winner.value;
    clocks[field] = winner.hlc;
    for (const w of writes) if (w !== winner) history.push({ field, value: w.value, hlc: w.hlc });
    // A field the create did not name held its default, with no clock; the first update replaced it.
    if (!record.named.has(field)) history.push({ field, value: defaults[field] ?? null, hlc: "" });
  }
  const sets: Record<string, Record<string, string[]>> = {};
  for (const field of SET_FIELDS) {
    if (!(field in FIELD_SCHEMAS[record.type].shape)) continue;
    const present: Record<string, string[]> = {};
    for (const [value, added] of record.adds.get(field) ?? []) {
      const removed = record.removed.get(field)?.get(value) ?? new Set<string>();
      const left = [...new Set(added)].filter((clock) => !removed.has(clock)).sort();
      if (left.length) present[value] = left;
    }
    sets[field] = present;
    // Ordered by first (oldest remaining) add, then by value.
    data[field] = Object.entries(present)
      .sort(([a, ca], [b, cb]) => (ca[0]! < cb[0]! ? -1 : ca[0]! > cb[0]! ? 1 : a < b ? -1 : a > b ? 1 : 0))
      .map(([value]) => value);
  }
  let deleted = false;
  if (record.lifecycle.length) {
    const newest = maxBy(record.lifecycle, (l) => l.hlc)!;
    deleted = newest.deleted;
    clocks.$deleted = newest.hlc;
  }
  return {
    type: record.type,
    id: record.id,
    deleted,
    data,
    clocks,
    sets,
    history: sortHistory(history),
    lifecycle: [...record.lifecycle],
    actions: { ...record.actions },
  };
}

function sortHistory<T extends { field: string; hlc: string; value: unknown }>(entries: T[]): T[] {
  const order = (e: T) => `${e.field}\u0000${e.hlc}\u0000${JSON.stringify(e.value)}`;
  return [...entries].sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
}

function maxBy<T>(items: T[], by: (item: T) => string): T | undefined {
  let best: T | undefined;
  for (const item of items) if (best === undefined || by(item) > by(best)) best = item;
  return best;
}

function pushTo<T>(map: Map<string, T[]>, k: string, value: T): void {
  const list = map.get(k);
  if (list) list.push(value);
  else map.set(k, [value]);
}

function mapIn<V>(map: Map<string, Map<string, V>>, k: string): Map<string, V> {
  let inner = map.get(k);
  if (!inner) {
    inner = new Map();
    map.set(k, inner);
  }
  return inner;
}

function addClock(adds: Map<string, Map<string, string[]>>, field: string, value: string, hlc: string): void {
  const byValue = mapIn(adds, field);
  const clocks = byValue.get(value) ?? [];
  clocks.push(hlc);
  byValue.set(value, clocks);
}
