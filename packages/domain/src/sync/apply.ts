import { isSetField, type RecordType } from "../common.ts";
import { applyConvertLead } from "../convert.ts";
import {
  applySetLeadStatus,
  domainSetWriteError,
  domainWriteError,
  STATUS_UNIT_FIELDS,
  statusChangeActivity,
  statusUnitClock,
  statusUnitWrite,
} from "../lifecycle.ts";
import { applyMergeRecords } from "../merge-records.ts";
import { normalizeEmail, normalizePhone } from "../normalize.ts";
import { applyMoveDeal } from "../pipeline.ts";
import { FIELD_SCHEMAS, INSERT_ONLY_TYPES, RECORD_SCHEMAS } from "../records.ts";
import type { Hlc } from "./hlc.ts";
import type { WorkspaceSettings } from "../workspace.ts";
import { MUTATION_ARGS, type MutationArgs, type MutationName, type PrimitiveMutationName } from "./mutations.ts";
import type { RecordMeta, SyncedRecord } from "./protocol.ts";

/** Where a mutation reads the current state of records. */
export interface RecordReader {
  get(type: RecordType, id: string): Promise<SyncedRecord | undefined>;
  /**
   * Live (not deleted) records whose `indexKeys(type, data)` (match.ts: recordKeys plus
   * `name:person|company:<folded>` and `ref:<type>:<id>`) include `key`, e.g. `email:jane@acme.com`,
   * `domain:acme.com`, `subject:lead:<id>`, `ref:company:<id>`; sorted by id, from the same state
   * `get` reads (including changes staged earlier in the same push). Optional: a replica without an
   * index omits it, and conversion and merge then match and re-point nothing through it — the
   * server's result, which has the index, is the one every replica ends up with.
   */
  findByKey?(key: string): Promise<SyncedRecord[]>;
}

/** Who applies a mutation, when, and with which clock. */
export interface ApplyContext {
  /** ISO time the replica applies the change at (server time on the server). */
  now: string;
  /** The mutation's clock (already clamped by the server). */
  hlc: Hlc;
  actorId: string | null;
  /** Region for parsing phone numbers without a country code. */
  defaultRegion: string;
  /** The workspace's settings (pipeline, currency, custom fields); defaults when absent. */
  settings?: WorkspaceSettings;
}

/** A mutation that cannot apply, with a stable code. */
export interface ApplyError {
  code: "invalid" | "not_found" | "immutable" | "conflict" | "forbidden";
  message: string;
}

/** The records a mutation changed, or why it cannot apply (then it changed nothing). */
export type ApplyResult = { ok: true; changed: SyncedRecord[] } | { ok: false; error: ApplyError };

/** Most history entries kept per record. */
export const MAX_HISTORY = 50;

/** Fields no mutation may set directly. */
const SYSTEM_FIELDS = new Set(["id", "createdAt", "updatedAt"]);

/** Pseudo-field whose clock orders delete and restore. */
const DELETED_CLOCK = "$deleted";

/**
 * Applies one mutation to the records it names, with the merge rules every replica shares:
 * scalar fields last-writer-wins by clock (the loser kept in history), set fields as add-wins sets,
 * deletes as tombstones. Pure apart from reading through `reader`; the caller writes `changed`.
 */
export async function applyMutation(
  reader: RecordReader,
  name: string,
  rawArgs: unknown,
  ctx: ApplyContext,
): Promise<ApplyResult> {
  return applyWithRules(reader, name, rawArgs, ctx, false);
}

/** Primitive mutations as domain mutations compose them: the domain guards are lifted. */
function applyTrusted(reader: RecordReader, name: string, rawArgs: unknown, ctx: ApplyContext): Promise<ApplyResult> {
  return applyWithRules(reader, name, rawArgs, ctx, true);
}

async function applyWithRules(
  reader: RecordReader,
  name: string,
  rawArgs: unknown,
  ctx: ApplyContext,
  trusted: boolean,
): Promise<ApplyResult> {
  if (!(name in MUTATION_ARGS)) return fail("invalid", `unknown mutation: ${name}`);
  const parsed = MUTATION_ARGS[name as MutationName].safeParse(rawArgs);
  if (!parsed.success) return fail("invalid", `invalid ${name} arguments: ${parsed.error.issues[0]?.message ?? ""}`);

  // Domain mutations change several records at once; their rule modules compose the primitives below.
  switch (name as MutationName) {
    case "setLeadStatus":
      return applySetLeadStatus(reader, parsed.data as MutationArgs["setLeadStatus"], ctx, applyTrusted);
    case "convertLead":
      return applyConvertLead(reader, parsed.data as MutationArgs["convertLead"], ctx, applyTrusted);
    case "mergeRecords":
      return applyMergeRecords(reader, parsed.data as MutationArgs["mergeRecords"], ctx, applyTrusted);
    case "moveDeal":
      return applyMoveDeal(reader, parsed.data as MutationArgs["moveDeal"], ctx, applyTrusted);
  }

  const args = parsed.data as MutationArgs[PrimitiveMutationName];
  const existing = await reader.get(args.type, args.id);

  switch (name as PrimitiveMutationName) {
    case "create": {
      const { type, id, fields } = args as MutationArgs["create"];
      const broken = trusted ? null : domainWriteError(type, existing, fields, ctx);
      if (broken) return { ok: false, error: broken };
      if (existing) return existingCreate(existing, fields, ctx);
      return create(type, id, fields, ctx);
    }
    case "update": {
      const { set } = args as MutationArgs["update"];
      if (!existing) return fail("not_found", `${args.type} ${args.id} does not exist`);
      const broken = trusted ? null : domainWriteError(existing.type, existing, set, ctx);
      if (broken) return { ok: false, error: broken };
      return withStatusActivity(existing, update(existing, set, ctx), ctx, trusted);
    }
    case "restoreValue": {
      const { field, value } = args as MutationArgs["restoreValue"];
      if (!existing) return fail("not_found", `${args.type} ${args.id} does not exist`);
      const broken = trusted ? null : domainWriteError(existing.type, existing, { [field]: value }, ctx);
      if (broken) return { ok: false, error: broken };
      return withStatusActivity(existing, update(existing, { [field]: value }, ctx), ctx, trusted);
    }
    case "add":
    case "remove": {
      const { field } = args as MutationArgs["add" | "remove"];
      if (!existing) return fail("not_found", `${args.type} ${args.id} does not exist`);
      if (INSERT_ONLY_TYPES.has(existing.type)) return fail("immutable", `${existing.type} records cannot be changed`);
      if (!hasField(existing.type, field)) return fail("invalid", `${existing.type} has no ${field}`);
      const readOnly = trusted ? null : domainSetWriteError(existing);
      if (readOnly) return { ok: false, error: readOnly };
      const next = clone(existing);
      if (name === "add") addToSet(next, field, (args as MutationArgs["add"]).values, ctx);
      else removeFromSet(next, field, (args as MutationArgs["remove"]).observed);
      return finish(next, existing, ctx);
    }
    case "delete":
    case "restore": {
      if (!existing) return fail("not_found", `${args.type} ${args.id} does not exist`);
      // A merged record lives on in its survivor: bringing it back would make a twin that still
      // points at the survivor. (A rep who had not seen the merge may still send the restore.)
      if (name === "restore" && !trusted && typeof existing.data.mergedIntoId === "string") {
        return fail("conflict", `${args.type} ${args.id} was merged into ${existing.data.mergedIntoId}`);
      }
      const next = clone(existing);
      const clock = next.meta.clocks[DELETED_CLOCK] ?? "";
      if (ctx.hlc > clock) {
        next.meta.clocks[DELETED_CLOCK] = ctx.hlc;
        next.deleted = name === "delete";
      }
      return finish(next, existing, ctx);
    }
  }
}

/** A plain update that moved a lead's status also records the status_change activity (lifecycle.ts). */
function withStatusActivity(before: SyncedRecord, result: ApplyResult, ctx: ApplyContext, trusted: boolean): ApplyResult {
  if (trusted || !result.ok) return result;
  const after = result.changed.find((record) => record.type === before.type && record.id === before.id);
  const activity = after ? statusChangeActivity(before, after, ctx) : null;
  return activity ? { ok: true, changed: [...result.changed, activity] } : result;
}

/** The current value-clock pairs of one set-valued field, for building a `remove`. */
export function observedAdds(record: SyncedRecord, field: string, values: string[]): Record<string, string[]> {
  const set = record.meta.sets[field] ?? {};
  return Object.fromEntries(values.map((value) => [value, [...(set[value] ?? [])]]));
}

/** An empty record shell, before its first mutation. */
export function emptyMeta(): RecordMeta {
  return { clocks: {}, sets: {}, history: [] };
}

function create(type: RecordType, id: string, fields: Record<string, unknown>, ctx: ApplyContext): ApplyResult {
  const unknownField = Object.keys(fields).find((field) => SYSTEM_FIELDS.has(field) || !hasField(type, field));
  if (unknownField) return fail("invalid", `${type} has no settable field ${unknownField}`);
  const setValues: Record<string, string[]> = {};
  const scalars: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(fields)) {
    if (isSetField(field)) {
      if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) return fail("invalid", `${field} must be a list of strings`);
      setValues[field] = value as string[];
    } else scalars[field] = value;
  }
  const parsed = FIELD_SCHEMAS[type].safeParse(fields);
  if (!parsed.success) return invalid(parsed.error);
  const data: Record<string, unknown> = { id, ...(parsed.data as Record<string, unknown>), createdAt: ctx.now, updatedAt: ctx.now };
  const record: SyncedRecord = { type, id, data, meta: emptyMeta(), deleted: false, version: 0 };
  // Clocks only for the fields the create names: a defaulted field has no writer to order against,
  // and a clock per default made every record's metadata ~1 KB larger on the wire and on disk.
  for (const field of Object.keys(fields)) {
    if (!isSetField(field)) record.meta.clocks[field] = ctx.hlc;
  }
  for (const field of Object.keys(data)) {
    if (isSetField(field)) {
      data[field] = [];
      addToSet(record, field, setValues[field] ?? [], ctx);
    }
  }
  // No second validation of the whole record (finish): every field was just parsed, and set
  // values only get normalized, which keeps a valid email, phone, url or tag valid. (It was a
  // tenth of a push's CPU.)
  return { ok: true, changed: [record] };
}

function existingCreate(existing: SyncedRecord, fields: Record<string, unknown>, ctx: ApplyContext): ApplyResult {
  // A create replayed from another client (same id) must not reset the record: it sets fields
  // by the same rules as an update and adds set values.
  if (INSERT_ONLY_TYPES.has(existing.type)) return { ok: true, changed: [] };
  return update(existing, fields, ctx);
}

function update(existing: SyncedRecord, set: Record<string, unknown>, ctx: ApplyContext): ApplyResult {
  if (INSERT_ONLY_TYPES.has(existing.type)) return fail("immutable", `${existing.type} records cannot be changed`);
  const type = existing.type;
  const shape = FIELD_SCHEMAS[type].shape as Record<string, { safeParse(v: unknown): { success: boolean; data?: unknown; error?: unknown } }>;
  const next = clone(existing);
  // A lead's status and unqualifiedReason are one LWW unit (lifecycle.ts): a write wins both or neither.
  const unitClock = type === "lead" ? statusUnitClock(existing) : null;
  const unit = unitClock === null ? null : statusUnitWrite(existing.data, set);
  if (unit && ctx.hlc > unitClock!) set = { ...set, ...unit };
  for (const [field, value] of Object.entries(set)) {
    if (SYSTEM_FIELDS.has(field) || !shape[field]) return fail("invalid", `${type} has no settable field ${field}`);
    if (isSetField(field)) {
      if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) return fail("invalid", `${field} must be a list of strings`);
      // Replacing a whole set: add what is new, remove what the writer saw and dropped.
      const wanted = new Set((value as string[]).map((v) => normalizeSetValue(field, v, ctx)));
      const current = (next.data[field] as string[]) ?? [];
      removeFromSet(next, field, observedAdds(next, field, current.filter((v) => !wanted.has(v))));
      addToSet(next, field, [...wanted].filter((v) => !current.includes(v)), ctx);
      continue;
    }
    const result = shape[field]!.safeParse(value);
    if (!result.success) return fail("invalid", `invalid ${field}`);
    const clock = unitClock !== null && STATUS_UNIT_FIELDS.includes(field) ? unitClock : (next.meta.clocks[field] ?? "");
    const incoming = result.data;
    if (sameValue(next.data[field], incoming)) {
      if (ctx.hlc > clock) next.meta.clocks[field] = ctx.hlc;
      continue;
    }
    if (ctx.hlc > clock) {
      pushHistory(next, { field, value: next.data[field] ?? null, hlc: clock, replacedBy: ctx.hlc, by: ctx.actorId, at: ctx.now });
      next.data[field] = incoming;
      next.meta.clocks[field] = ctx.hlc;
    } else {
      // The incoming write lost to a newer one: keep it in history rather than dropping it.
      pushHistory(next, { field, value: incoming, hlc: ctx.hlc, replacedBy: clock, by: ctx.actorId, at: ctx.now });
    }
  }
  return finish(next, existing, ctx);
}

function finish(next: SyncedRecord, before: SyncedRecord | undefined, ctx: ApplyContext): ApplyResult {
  if (before && JSON.stringify(before) === JSON.stringify(next)) return { ok: true, changed: [] };
  if (before && JSON.stringify(before.data) !== JSON.stringify(next.data)) next.data.updatedAt = ctx.now;
  const parsed = RECORD_SCHEMAS[next.type].safeParse(next.data);
  if (!parsed.success) return invalid(parsed.error);
  return { ok: true, changed: [next] };
}

function addToSet(record: SyncedRecord, field: string, values: string[], ctx: ApplyContext): void {
  const set = (record.meta.sets[field] ??= {});
  for (const raw of values) {
    const value = normalizeSetValue(field, raw, ctx);
    if (!value) continue;
    const tags = (set[value] ??= []);
    if (!tags.includes(ctx.hlc)) tags.push(ctx.hlc);
    tags.sort();
  }
  record.data[field] = setValues(set);
}

function removeFromSet(record: SyncedRecord, field: string, observed: Record<string, string[]>): void {
  const set = (record.meta.sets[field] ??= {});
  for (const [value, seen] of Object.entries(observed)) {
    const tags = set[value];
    if (!tags) continue;
    const remaining = tags.filter((tag) => !seen.includes(tag));
    if (remaining.length) set[value] = remaining;
    else delete set[value];
  }
  record.data[field] = setValues(set);
}

/** Present values ordered by their first add, then by value: the same order on every replica. */
function setValues(set: Record<string, string[]>): string[] {
  return Object.entries(set)
    .sort(([a, ta], [b, tb]) => (ta[0]! < tb[0]! ? -1 : ta[0]! > tb[0]! ? 1 : a < b ? -1 : a > b ? 1 : 0))
    .map(([value]) => value);
}

function normalizeSetValue(field: string, raw: string, ctx: ApplyContext): string {
  const value = raw.trim();
  if (field === "emails") return normalizeEmail(value) ?? value.toLowerCase();
  if (field === "phones") return normalizePhone(value, ctx.defaultRegion);
  return value;
}

function pushHistory(record: SyncedRecord, entry: RecordMeta["history"][number]): void {
  record.meta.history.push(entry);
  if (record.meta.history.length > MAX_HISTORY) record.meta.history.splice(0, record.meta.history.length - MAX_HISTORY);
}

function hasField(type: RecordType, field: string): boolean {
  return field in FIELD_SCHEMAS[type].shape;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function clone(record: SyncedRecord): SyncedRecord {
  return structuredClone(record);
}

function fail(code: ApplyError["code"], message: string): ApplyResult {
  return { ok: false, error: { code, message } };
}

function invalid(error: { issues: Array<{ path: PropertyKey[]; message: string }> }): ApplyResult {
  const issue = error.issues[0];
  return fail("invalid", issue ? `${issue.path.map(String).join(".") || "record"}: ${issue.message}` : "invalid record");
}
