import { isSetField, jsonSurelyWithin, MAX_RECORD_BYTES, type RecordType } from "../common.ts";
import type { z } from "zod";
import { normalizeEmail, normalizePhone } from "../normalize.ts";
import { plainErrors } from "../plain-errors.ts";
import { FIELD_SCHEMAS, INSERT_ONLY_TYPES, RECORD_SCHEMAS } from "../records.ts";
import { failed, type ApplyContext, type ApplyError, type ApplyResult } from "./context.ts";
import { keepHistory } from "./history.ts";
import { DELETED_CLOCK, observedAdds } from "./meta-reads.ts";
import { emptyMeta, typedRecord, type SyncedRecord } from "./record.ts";
import { STATUS_UNIT_FIELDS, statusUnitClock, statusUnitWrite } from "./status-unit.ts";

// Read without the write rules (and their phone normalization), from meta-reads.ts: pages show them.
export { DELETED_CLOCK, observedAdds } from "./meta-reads.ts";

// The conflict rules every replica shares, on one record: scalar fields last-writer-wins by clock (the
// loser kept in history), set fields as add-wins sets, deletes as tombstones. No domain rule here:
// the handlers (mutations/) check those before they write.

/** Fields no mutation may set directly. */
const SYSTEM_FIELDS = new Set(["id", "createdAt", "updatedAt"]);

/** A new record with `fields` (defaults for the rest), each named field clocked at `ctx.hlc`. */
export function createRecord(
  type: RecordType,
  id: string,
  fields: Record<string, unknown>,
  ctx: ApplyContext,
): ApplyResult {
  const unknownField = Object.keys(fields).find((field) => SYSTEM_FIELDS.has(field) || !hasField(type, field));
  if (unknownField) return failed("invalid", `${type} has no settable field ${unknownField}`);
  const setValues: Record<string, string[]> = {};
  for (const [field, value] of Object.entries(fields)) {
    if (!isSetField(field)) continue;
    if (!isStringList(value)) return failed("invalid", `${field} must be a list of strings`);
    setValues[field] = value;
  }
  const parsed = FIELD_SCHEMAS[type].safeParse(fields);
  if (!parsed.success) return invalid(parsed.error, fields);
  const data: Record<string, unknown> = { id, ...parsed.data, createdAt: ctx.now, updatedAt: ctx.now };
  const tooLarge = sizeError(data);
  if (tooLarge) return tooLarge;
  // Typed by its type: its fields were just parsed by that type's schema.
  const record = typedRecord({ type, id, data, meta: emptyMeta(), deleted: false, version: 0 });
  // Clocks only for the fields the create names: a defaulted field has no writer to order against,
  // and a clock per default made every record's metadata ~1 KB larger on the wire and on disk.
  for (const field of Object.keys(fields)) {
    if (!isSetField(field)) record.meta.clocks[field] = ctx.hlc;
  }
  for (const field of Object.keys(data)) {
    if (isSetField(field)) {
      data[field] = [];
      const values = setValues[field];
      // A set the create leaves empty: the same empty set and list addToSet would write.
      if (values?.length) addToSet(record, field, values, ctx);
      else record.meta.sets[field] = Object.create(null);
    }
  }
  // No second validation of the whole record (finish): every field was just parsed, and set
  // values only get normalized, which keeps a valid email, phone, url or tag valid. (It was a
  // tenth of a push's CPU.)
  return { ok: true, changed: [record] };
}

/**
 * A create of a record that exists (replayed from another client, same id): it must not reset the
 * record, so it sets fields by the rules of an update and adds set values; insert-only records stay.
 */
export function recreateRecord(
  existing: SyncedRecord,
  fields: Record<string, unknown>,
  ctx: ApplyContext,
): ApplyResult {
  if (INSERT_ONLY_TYPES.has(existing.type)) return { ok: true, changed: [] };
  return updateRecord(existing, fields, ctx);
}

/** Sets fields of `existing`, last writer (by clock) wins per field; a whole set is replaced by adds and removes. */
export function updateRecord(existing: SyncedRecord, set: Record<string, unknown>, ctx: ApplyContext): ApplyResult {
  if (INSERT_ONLY_TYPES.has(existing.type)) return failed("immutable", `${existing.type} records cannot be changed`);
  const type = existing.type;
  const shape = FIELD_SCHEMAS[type].shape as Record<
    string,
    { safeParse(v: unknown): { success: boolean; data?: unknown; error?: unknown } }
  >;
  const next = structuredClone(existing);
  const data = fieldValues(next);
  // A lead's status and unqualifiedReason are one LWW unit (status-unit.ts): a write wins both or neither.
  const unitClock = type === "lead" ? statusUnitClock(existing) : null;
  const unit = unitClock === null ? null : statusUnitWrite(existing.data, set);
  if (unit && ctx.hlc > unitClock!) set = { ...set, ...unit };
  for (const [field, value] of Object.entries(set)) {
    // Own fields only: `constructor` or `toString` name no field, whatever Object.prototype holds.
    if (SYSTEM_FIELDS.has(field) || !Object.hasOwn(shape, field))
      return failed("invalid", `${type} has no settable field ${field}`);
    if (isSetField(field)) {
      if (!isStringList(value)) return failed("invalid", `${field} must be a list of strings`);
      // Replacing a whole set: add what is new, remove what the writer saw and dropped.
      const wanted = new Set(value.map((v) => normalizeSetValue(field, v, ctx)));
      const current = strings(data[field]);
      removeFromSet(
        next,
        field,
        observedAdds(
          next,
          field,
          current.filter((v) => !wanted.has(v)),
        ),
      );
      addToSet(
        next,
        field,
        [...wanted].filter((v) => !current.includes(v)),
        ctx,
      );
      continue;
    }
    const result = shape[field]!.safeParse(value);
    if (!result.success) return failed("invalid", `invalid ${field}`);
    const clock =
      unitClock !== null && STATUS_UNIT_FIELDS.includes(field) ? unitClock : (next.meta.clocks[field] ?? "");
    const incoming = result.data;
    if (sameValue(data[field], incoming)) {
      if (ctx.hlc > clock) next.meta.clocks[field] = ctx.hlc;
      continue;
    }
    if (ctx.hlc > clock) {
      keepHistory(next, { field, value: data[field] ?? null, hlc: clock, replacedBy: ctx.hlc }, ctx);
      data[field] = incoming;
      next.meta.clocks[field] = ctx.hlc;
    } else {
      // The incoming write lost to a newer one: keep it in history rather than dropping it.
      keepHistory(next, { field, value: incoming, hlc: ctx.hlc, replacedBy: clock }, ctx);
    }
  }
  return finish(next, existing, ctx);
}

/**
 * Why a set field of this record cannot take adds or removes (an insert-only record, a field its
 * type lacks), or null.
 */
export function setFieldError(record: SyncedRecord, field: string): ApplyError | null {
  if (INSERT_ONLY_TYPES.has(record.type))
    return { code: "immutable", message: `${record.type} records cannot be changed` };
  if (!hasField(record.type, field)) return { code: "invalid", message: `${record.type} has no ${field}` };
  return null;
}

/** Adds values to a set field (normalized: emails lower-cased, phones in E.164), tagged with `ctx.hlc`. */
export function addValues(existing: SyncedRecord, field: string, values: string[], ctx: ApplyContext): ApplyResult {
  const next = structuredClone(existing);
  addToSet(next, field, values, ctx);
  return finish(next, existing, ctx);
}

/** Removes the observed adds of values from a set field: an add the writer had not seen survives. */
export function removeValues(
  existing: SyncedRecord,
  field: string,
  observed: Record<string, string[]>,
  ctx: ApplyContext,
): ApplyResult {
  const next = structuredClone(existing);
  removeFromSet(next, field, observed);
  return finish(next, existing, ctx);
}

/** Tombstones (`deleted`) or restores a record; the newer clock of the two decides. */
export function setDeleted(existing: SyncedRecord, deleted: boolean, ctx: ApplyContext): ApplyResult {
  const next = structuredClone(existing);
  const clock = next.meta.clocks[DELETED_CLOCK] ?? "";
  if (ctx.hlc > clock && next.deleted !== deleted) {
    keepHistory(next, { field: DELETED_CLOCK, value: next.deleted, hlc: clock, replacedBy: ctx.hlc }, ctx);
    next.meta.clocks[DELETED_CLOCK] = ctx.hlc;
    next.deleted = deleted;
  } else if (ctx.hlc > clock) {
    next.meta.clocks[DELETED_CLOCK] = ctx.hlc;
  }
  return finish(next, existing, ctx);
}

function finish(next: SyncedRecord, before: SyncedRecord | undefined, ctx: ApplyContext): ApplyResult {
  if (before && JSON.stringify(before) === JSON.stringify(next)) return { ok: true, changed: [] };
  if (before && JSON.stringify(before.data) !== JSON.stringify(next.data)) next.data.updatedAt = ctx.now;
  const parsed = RECORD_SCHEMAS[next.type].safeParse(next.data);
  if (!parsed.success) return invalid(parsed.error, next.data);
  return sizeError(next.data) ?? { ok: true, changed: [next] };
}

/**
 * A set's values by value, with no prototype: a tag or phone named `constructor`, `toString` or
 * `__proto__` is a key like any other, never a property inherited from Object.prototype.
 */
function ownSet(record: SyncedRecord, field: string): Record<string, string[]> {
  const set: Record<string, string[]> = Object.create(null);
  for (const [value, tags] of Object.entries(record.meta.sets[field] ?? {})) set[value] = tags;
  record.meta.sets[field] = set;
  return set;
}

/** Refuses a record whose data is larger than MAX_RECORD_BYTES as JSON (it travels whole in every pull). */
function sizeError(data: Record<string, unknown>): ApplyResult | null {
  // Data surely small enough needs no text built; and a UTF-16 code unit is at most 3 bytes of
  // UTF-8, so short text needs no encoding to be counted.
  if (jsonSurelyWithin(data, MAX_RECORD_BYTES)) return null;
  const text = JSON.stringify(data);
  if (text.length * 3 <= MAX_RECORD_BYTES) return null;
  const bytes = new TextEncoder().encode(text).length;
  return bytes > MAX_RECORD_BYTES
    ? failed(
        "invalid",
        `record is too large: ${bytes.toLocaleString("en")} bytes, at most ${MAX_RECORD_BYTES.toLocaleString("en")}`,
      )
    : null;
}

function addToSet(record: SyncedRecord, field: string, values: string[], ctx: ApplyContext): void {
  const set = ownSet(record, field);
  for (const raw of values) {
    const value = normalizeSetValue(field, raw, ctx);
    if (!value) continue;
    const tags = set[value] ?? [];
    set[value] = tags;
    if (!tags.includes(ctx.hlc)) tags.push(ctx.hlc);
    tags.sort();
  }
  fieldValues(record)[field] = setValues(set);
}

function removeFromSet(record: SyncedRecord, field: string, observed: Record<string, string[]>): void {
  const set = ownSet(record, field);
  for (const [value, seen] of Object.entries(observed)) {
    const tags = set[value];
    if (!Array.isArray(tags) || !Array.isArray(seen)) continue;
    const remaining = tags.filter((tag) => !seen.includes(tag));
    if (remaining.length) set[value] = remaining;
    else delete set[value];
  }
  fieldValues(record)[field] = setValues(set);
}

/** Present values ordered by their first add, then by value: the same order on every replica. */
function setValues(set: Record<string, string[]>): string[] {
  // Most sets of a record hold one value or none: nothing to order (a create builds four sets).
  const values = Object.keys(set);
  if (values.length < 2) return values;
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

/**
 * A record's data as the conflict rules see it: values by field name, written in place. What they
 * write is checked against the record type's schema before it leaves the engine (finish).
 */
function fieldValues(record: SyncedRecord): Record<string, unknown> {
  return record.data;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === "string");
}

function hasField(type: RecordType, field: string): boolean {
  return Object.hasOwn(FIELD_SCHEMAS[type].shape, field);
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** A record that breaks its schema, said in the words a person reads (the message may reach a screen). */
function invalid(error: z.ZodError, input: Record<string, unknown>): ApplyResult {
  const first = Object.values(plainErrors(error, input))[0];
  return failed("invalid", first ?? "This record is not valid");
}
