import type { z } from "zod";
import { ID_PATTERN, RECORD_TYPES } from "../common.ts";
import { PullResponseSchema, type PullResponse } from "./protocol.ts";

/**
 * Checks a pull answer exactly as `PullResponseSchema.safeParse` does (same success, same data,
 * same issues), for a fraction of its cost on a large page. Every page is checked before anything
 * applies it, and zod's walk of a 5,000-record patch (a fresh object for every record, map and
 * list) cost more than storing it; the patch is the page's bulk, so its records are first tried
 * against a plain test that accepts only values the schema accepts and returns unchanged (no
 * unknown keys to strip). A patch that passes keeps its parsed objects; anything else, and the
 * rest of the answer, goes through zod, which also words every error.
 */
export function safeParsePullResponse(value: unknown): z.ZodSafeParseResult<PullResponse> {
  if (isJsonObject(value) && Array.isArray(value.patch) && value.patch.every(isPlainPatchOp)) {
    const rest = PullResponseSchema.safeParse({ ...value, patch: [] });
    if (rest.success) return { success: true, data: { ...rest.data, patch: value.patch as PullResponse["patch"] } };
  }
  return PullResponseSchema.safeParse(value);
}

const RECORD_TYPE_NAMES: ReadonlySet<unknown> = new Set(RECORD_TYPES);

/** A `PatchOp` whose parse by `PatchOpSchema` would succeed and equal it. */
export function isPlainPatchOp(op: unknown): boolean {
  if (!isJsonObject(op)) return false;
  if (op.op === "put") return hasExactly(op, 2) && isPlainRecord(op.record);
  return (
    op.op === "del" &&
    hasExactly(op, 3) &&
    RECORD_TYPE_NAMES.has(op.type) &&
    typeof op.id === "string" &&
    ID_PATTERN.test(op.id)
  );
}

/** A `SyncedRecordSchema` value with nothing to strip. */
function isPlainRecord(record: unknown): boolean {
  return (
    isJsonObject(record) &&
    hasExactly(record, 6) &&
    RECORD_TYPE_NAMES.has(record.type) &&
    typeof record.id === "string" &&
    ID_PATTERN.test(record.id) &&
    isStringMap(record.data, () => true) &&
    typeof record.deleted === "boolean" &&
    Number.isSafeInteger(record.version) &&
    isPlainMeta(record.meta)
  );
}

/** A `RecordMetaSchema` value with nothing to strip. */
function isPlainMeta(meta: unknown): boolean {
  return (
    isJsonObject(meta) &&
    hasExactly(meta, 3) &&
    isStringMap(meta.clocks, isString) &&
    isStringMap(meta.sets, (values) => isStringMap(values, isStringList)) &&
    Array.isArray(meta.history) &&
    everyItem(meta.history, isPlainHistoryEntry)
  );
}

/** A `HistoryEntrySchema` value with nothing to strip (`value` present, whatever it holds). */
function isPlainHistoryEntry(entry: unknown): boolean {
  return (
    isJsonObject(entry) &&
    hasExactly(entry, 6) &&
    Object.hasOwn(entry, "value") &&
    isString(entry.field) &&
    isString(entry.hlc) &&
    isString(entry.replacedBy) &&
    (entry.by === null || isString(entry.by)) &&
    isString(entry.at)
  );
}

const isString = (value: unknown): value is string => typeof value === "string";
const isStringList = (value: unknown): boolean => Array.isArray(value) && everyItem(value, isString);

/** Every item, holes included (a hole is `undefined`, which `Array.every` would skip). */
function everyItem(list: unknown[], test: (item: unknown) => boolean): boolean {
  for (let i = 0; i < list.length; i++) if (!test(list[i])) return false;
  return true;
}

/**
 * A `z.record(z.string(), …)` value that zod copies key for key: a plain object (as JSON.parse
 * makes them) without a `__proto__` key (zod drops it), every value passing `test`.
 */
function isStringMap(value: unknown, test: (item: unknown) => boolean): boolean {
  if (!isJsonObject(value) || Object.hasOwn(value, "__proto__")) return false;
  for (const key in value) if (!test(value[key])) return false;
  return true;
}

/** An object as JSON.parse makes them: the Object prototype, a constructor zod takes for plain. */
function isJsonObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Object.getPrototypeOf(value) !== Object.prototype) return false;
  const maker: unknown = (value as { constructor?: unknown }).constructor;
  return maker === Object || typeof maker !== "function";
}

/** Whether an object has this many own enumerable keys (the schema's, once the caller checked them). */
function hasExactly(value: object, count: number): boolean {
  let keys = 0;
  for (const key in value) if (Object.hasOwn(value, key)) keys++;
  return keys === count;
}
