import type { RecordType } from "../common.ts";
import { indexKeys } from "../keys.ts";
import type { ApplyContext, ApplyError, ApplyResult, RecordReader } from "./context.ts";
import { formatHlc, parseHlc, type Hlc } from "./hlc.ts";
import { applyPrimitive, type PrimitiveArgs, type PrimitiveName } from "./primitives.ts";
import { isRecordOf, type SyncedRecord } from "./record.ts";

/** A reader that can always look records up by key (an empty answer when the replica has no index). */
export interface KeyedReader extends RecordReader {
  findByKey(key: string): Promise<SyncedRecord[]>;
}

/**
 * Several single-record mutations applied as one (how a domain mutation changes several records):
 * each sees the records the earlier ones changed, and the caller returns either all the changes
 * (`result`) or none (the first error).
 */
export interface MutationBatch extends KeyedReader {
  /**
   * Applies a single-record mutation on top of the batch, the domain's guards lifted; the error
   * when it cannot apply.
   */
  run<N extends PrimitiveName>(name: N, args: PrimitiveArgs[N], ctx?: ApplyContext): Promise<ApplyError | null>;
  /** Stages a record the rule changed directly (history notes, re-pointed activities). */
  put(record: SyncedRecord): void;
  /** Every record the batch changed, in the order first changed. */
  result(): ApplyResult;
}

/** Opens a batch over `base`, applying steps with clock `ctx.hlc` unless a step says otherwise. */
export function openBatch(base: RecordReader, ctx: ApplyContext): MutationBatch {
  const staged = new Map<string, SyncedRecord>();
  const keyOf = (type: string, id: string) => `${type}:${id}`;
  const batch: MutationBatch = {
    async get(type, id) {
      const hit = staged.get(keyOf(type, id));
      return hit && isRecordOf(hit, type) ? structuredClone(hit) : base.get(type, id);
    },
    async findByKey(key) {
      const found = new Map<string, SyncedRecord>();
      for (const record of (await base.findByKey?.(key)) ?? []) found.set(keyOf(record.type, record.id), record);
      // Records this batch changed may have gained or lost the key.
      for (const [k, record] of staged) {
        if (!record.deleted && indexKeys(record.type, record.data).includes(key)) found.set(k, record);
        else found.delete(k);
      }
      return [...found.values()]
        .filter((r) => !r.deleted)
        .map((r) => structuredClone(r))
        .sort(byId);
    },
    async run(name, args, stepCtx = ctx) {
      const result = await applyPrimitive(batch, name, args, stepCtx);
      if (!result.ok) return result.error;
      for (const record of result.changed) staged.set(keyOf(record.type, record.id), record);
      return null;
    },
    put(record) {
      staged.set(keyOf(record.type, record.id), record);
    },
    result() {
      return { ok: true, changed: [...staged.values()] };
    },
  };
  return batch;
}

/** Creates a record whose id must be new: an id already in use is a conflict, never an overwrite. */
export async function createNew(
  batch: MutationBatch,
  type: RecordType,
  id: string,
  fields: Record<string, unknown>,
  ctx?: ApplyContext,
): Promise<ApplyError | null> {
  const existing = await batch.get(type, id);
  if (existing) return { code: "conflict", message: `${type} id ${id} is already in use` };
  return batch.run("create", { type, id, fields }, ctx);
}

/**
 * The context with a clock later than every clock on `records`, so a rule's writes to them take
 * effect even when the writer's clock runs behind; without skew it is `ctx` unchanged.
 */
export function clockAfter(ctx: ApplyContext, records: ReadonlyArray<Pick<SyncedRecord, "meta">>): ApplyContext {
  let latest: Hlc = ctx.hlc;
  for (const record of records)
    for (const clock of Object.values(record.meta.clocks)) if (clock > latest) latest = clock;
  if (latest === ctx.hlc) return ctx;
  const parts = parseHlc(latest);
  const node = parseHlc(ctx.hlc).node;
  const next =
    parts.counter < 99_999
      ? { wall: parts.wall, counter: parts.counter + 1, node }
      : { wall: parts.wall + 1, counter: 0, node };
  return { ...ctx, hlc: formatHlc(next) };
}

function byId(a: SyncedRecord, b: SyncedRecord): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
