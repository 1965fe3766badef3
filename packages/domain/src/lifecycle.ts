import type { RecordType } from "./common.ts";
import { validateCustomFields } from "./custom-fields.ts";
import type { LeadStatus } from "./lead.ts";
import { indexKeys } from "./match.ts";
import { FIELD_SCHEMAS } from "./records.ts";
import type { ApplyContext, ApplyError, ApplyResult, RecordReader } from "./sync/apply.ts";
import { MAX_HISTORY } from "./sync/apply.ts";
import { formatHlc, parseHlc, type Hlc } from "./sync/hlc.ts";
import type { MutationArgs } from "./sync/mutations.ts";
import type { SyncedRecord } from "./sync/protocol.ts";
import { WorkspaceSettingsSchema, type WorkspaceSettings } from "./workspace.ts";

/** An expected outcome as a value: the result, or why there is none. */
export type Result<T, E = DomainError> = { ok: true; value: T } | { ok: false; error: E };

/** Why a domain rule refused: the same codes as a mutation that cannot apply. */
export type DomainError = ApplyError;

/**
 * Which status a lead may move to from each status by a plain status change. Re-opening goes back
 * through `working`; `converted` is reached only by conversion and never left.
 */
export const LEAD_TRANSITIONS: Readonly<Record<LeadStatus, readonly LeadStatus[]>> = {
  new: ["working", "qualified", "unqualified"],
  working: ["qualified", "unqualified"],
  qualified: ["working", "unqualified"],
  unqualified: ["working"],
  converted: [],
};

/** Statuses a lead may be converted from: every open status (unqualified leads are re-opened first). */
export const CONVERTIBLE_STATUSES: readonly LeadStatus[] = ["new", "working", "qualified"];

/** Whether the transition table allows a status change from `from` to `to` (no-op changes are not transitions). */
export function canTransition(from: LeadStatus, to: LeadStatus): boolean {
  return LEAD_TRANSITIONS[from].includes(to);
}

/** Whether a lead in this status may be converted. */
export function canConvert(status: LeadStatus): boolean {
  return CONVERTIBLE_STATUSES.includes(status);
}

/** A status change the table allows: the lead fields to set and the activity it yields. */
export interface LeadTransition {
  set: { status: LeadStatus; unqualifiedReason: string | null };
  activity: { type: "status_change"; data: { from: LeadStatus; to: LeadStatus; reason: string | null } };
}

/** Checks a status change against the table; unqualifying needs a reason, leaving `unqualified` clears it. */
export function transitionLead(from: LeadStatus, to: LeadStatus, reason?: string | null): Result<LeadTransition> {
  if (from === "converted") return err("conflict", "a converted lead is read-only");
  if (to === "converted") return err("conflict", "a lead becomes converted only by conversion");
  if (!canTransition(from, to)) return err("conflict", `a lead cannot go from ${from} to ${to}`);
  const why = reason?.trim() || null;
  if (to === "unqualified" && !why) return err("invalid", "unqualifying a lead needs a reason");
  return {
    ok: true,
    value: {
      set: { status: to, unqualifiedReason: to === "unqualified" ? why : null },
      activity: { type: "status_change", data: { from, to, reason: why } },
    },
  };
}

// ——— The status unit ————————————————————————————————————————————————————————————————————————

/**
 * A lead's `status` and `unqualifiedReason` are one last-writer-wins unit, not two fields: a write
 * naming either wins both or neither, by one clock (`statusUnitClock`), so the status and the reason
 * always come from the same write. (As two fields, a re-open clearing the reason and a concurrent
 * unqualify could each win one: `unqualified` with no reason.)
 */
export const STATUS_UNIT_FIELDS: readonly string[] = ["status", "unqualifiedReason"];

/**
 * The clock the status unit is ordered by: the later of its two fields' clocks. A winning write
 * sets both to its clock; taking the later also orders a create that named only one of the two and
 * records written before the unit existed, whose clocks may differ.
 */
export function statusUnitClock(record: SyncedRecord): Hlc {
  const status = record.meta.clocks.status ?? "";
  const reason = record.meta.clocks.unqualifiedReason ?? "";
  return status > reason ? status : reason;
}

/**
 * The whole status unit a lead write names, or null when it names neither field: the named status
 * (else the current one) and the named reason (else the current one while staying unqualified),
 * trimmed, blank as null, and null whenever the status is not `unqualified`. `update` (sync/apply.ts)
 * writes both values when the write wins `statusUnitClock`, and neither when it loses.
 */
export function statusUnitWrite(current: Record<string, unknown>, set: Record<string, unknown>): { status: unknown; unqualifiedReason: string | null } | null {
  if (!("status" in set) && !("unqualifiedReason" in set)) return null;
  const status = "status" in set ? set.status : (current.status ?? "new");
  const named = "unqualifiedReason" in set ? set.unqualifiedReason : current.status === "unqualified" ? current.unqualifiedReason : null;
  const reason = typeof named === "string" ? named.trim() || null : null;
  return { status, unqualifiedReason: status === "unqualified" ? reason : null };
}

/** Why a winning write of the status unit breaks the lifecycle (`from` null for a create), or null. */
function statusUnitError(from: LeadStatus | null, set: Record<string, unknown>, unit: { status: unknown; unqualifiedReason: string | null }): ApplyError | null {
  const to = unit.status as LeadStatus;
  if (from !== null && from !== to) {
    const check = transitionLead(from, to, unit.unqualifiedReason);
    if (!check.ok) return check.error;
  }
  if (to === "unqualified" && !unit.unqualifiedReason) return { code: "invalid", message: "an unqualified lead needs a reason" };
  const named = set.unqualifiedReason;
  if (to !== "unqualified" && typeof named === "string" && named.trim()) {
    return { code: "invalid", message: "unqualifiedReason goes only with the unqualified status" };
  }
  return null;
}

/** Fields only conversion and merge may set: pointers to what a record became. */
const SYSTEM_MANAGED_FIELDS = ["convertedContactId", "convertedCompanyId", "convertedDealId", "mergedIntoId"] as const;

/**
 * Why a plain create/update/add/remove breaks a domain rule, or null: converted leads are
 * read-only, lead status follows the transition table, conversion and merge pointers are
 * system-managed, and custom values must fit the workspace's definitions (when `ctx.settings` is known).
 */
export function domainWriteError(
  type: RecordType,
  before: SyncedRecord | undefined,
  set: Record<string, unknown>,
  ctx: ApplyContext,
): ApplyError | null {
  const current = before?.data ?? {};
  for (const field of SYSTEM_MANAGED_FIELDS) {
    if (field in set && !sameValue(set[field], current[field])) {
      return { code: "invalid", message: `${field} is set by conversion or merge, not directly` };
    }
  }
  if (type === "lead") {
    if (!before) {
      if (set.status === "converted") return { code: "conflict", message: "a lead becomes converted only by conversion" };
      const unit = statusUnitWrite({}, set);
      const broken = unit && statusUnitError(null, set, unit);
      if (broken) return broken;
    } else if (current.status === "converted") {
      const changing = Object.keys(set).find((field) => !sameValue(set[field], current[field]));
      if (changing) return { code: "conflict", message: `lead ${before.id} is converted and read-only` };
    } else {
      // Only a write that wins the status unit's clock changes it; a losing one lands in history.
      const unit = statusUnitWrite(current, set);
      if (unit && ctx.hlc > statusUnitClock(before)) {
        const broken = statusUnitError(current.status as LeadStatus, set, unit);
        if (broken) return broken;
      }
    }
  }
  if (ctx.settings && "custom" in set && set.custom && typeof set.custom === "object") {
    const check = validateCustomFields(type, set.custom as Record<string, unknown>, ctx.settings.customFields);
    if (!check.ok) return { code: "invalid", message: check.error.map((issue) => `custom.${issue.key}: ${issue.message}`).join("; ") };
  }
  return null;
}

/** Why a set-field add or remove may not touch a record: converted leads are read-only. */
export function domainSetWriteError(record: SyncedRecord): ApplyError | null {
  if (record.type === "lead" && record.data.status === "converted") {
    return { code: "conflict", message: `lead ${record.id} is converted and read-only` };
  }
  return null;
}

/**
 * The status_change activity a plain `update` of a lead's status yields. Its id is derived from
 * the lead and the mutation's clock so every replica that applies the update creates the same one.
 */
export function statusChangeActivity(before: SyncedRecord, after: SyncedRecord, ctx: ApplyContext): SyncedRecord | null {
  if (before.type !== "lead" || before.data.status === after.data.status) return null;
  const id = deterministicId(`status:${before.id}:${ctx.hlc}`);
  const data = {
    id,
    type: "status_change",
    subject: { type: "lead", id: before.id },
    body: "",
    occurredAt: ctx.now,
    authorId: authorIdOf(ctx),
    data: { from: before.data.status, to: after.data.status, reason: (after.data.unqualifiedReason as string | null) ?? null },
    createdAt: ctx.now,
    updatedAt: ctx.now,
  };
  const clocks = Object.fromEntries(["type", "subject", "body", "occurredAt", "authorId", "data"].map((f) => [f, ctx.hlc]));
  return { type: "activity", id, data, meta: { clocks, sets: {}, history: [] }, deleted: false, version: 0 };
}

/** Applies `setLeadStatus`: the status change and its status_change activity, together or not at all. */
export async function applySetLeadStatus(
  reader: RecordReader,
  args: MutationArgs["setLeadStatus"],
  ctx: ApplyContext,
  apply: PrimitiveApply,
): Promise<ApplyResult> {
  const lead = await reader.get("lead", args.leadId);
  if (!lead) return { ok: false, error: { code: "not_found", message: `lead ${args.leadId} does not exist` } };
  if (lead.deleted) return { ok: false, error: { code: "conflict", message: `lead ${args.leadId} is deleted` } };
  const from = lead.data.status as LeadStatus;
  // Replays and double clicks: already there, nothing to record.
  if (from === args.status && from !== "converted") return { ok: true, changed: [] };
  const transition = transitionLead(from, args.status, args.reason);
  if (!transition.ok) return { ok: false, error: transition.error };
  const batch = openBatch(reader, apply, ctx);
  const failed =
    (await batch.run("update", { type: "lead", id: lead.id, set: transition.value.set }, clockAfter(ctx, [lead]))) ??
    (await batch.run("create", {
      type: "activity",
      id: args.activityId,
      fields: { type: "status_change", subject: { type: "lead", id: lead.id }, occurredAt: ctx.now, authorId: authorIdOf(ctx), data: transition.value.activity.data },
    }));
  return failed ? { ok: false, error: failed } : batch.result();
}

// ——— Multi-record mutations ———————————————————————————————————————————————————————————————

/** Applies one primitive mutation (create, update, add, remove, delete) with the domain guards lifted. */
export type PrimitiveApply = (reader: RecordReader, name: string, args: unknown, ctx: ApplyContext) => Promise<ApplyResult>;

/** A reader that can always look records up by key (an empty answer when the replica has no index). */
export interface KeyedReader extends RecordReader {
  findByKey(key: string): Promise<SyncedRecord[]>;
}

/**
 * Several primitive mutations applied as one: each sees the records the earlier ones changed, and
 * the caller returns either all the changes (`result`) or none (the first error).
 */
export interface MutationBatch extends KeyedReader {
  /** Applies a primitive mutation on top of the batch; the error when it cannot apply. */
  run(name: string, args: unknown, ctx?: ApplyContext): Promise<ApplyError | null>;
  /** Stages a record the rule changed directly (history notes, re-pointed activities). */
  put(record: SyncedRecord): void;
  /** Every record the batch changed, in the order first changed. */
  result(): ApplyResult;
}

/** Opens a batch over `base`, applying primitives with `apply` and clock `ctx.hlc` unless a step says otherwise. */
export function openBatch(base: RecordReader, apply: PrimitiveApply, ctx: ApplyContext): MutationBatch {
  const staged = new Map<string, SyncedRecord>();
  const keyOf = (type: string, id: string) => `${type}:${id}`;
  const batch: MutationBatch = {
    async get(type, id) {
      const hit = staged.get(keyOf(type, id));
      return hit ? structuredClone(hit) : base.get(type, id);
    },
    async findByKey(key) {
      const found = new Map<string, SyncedRecord>();
      for (const record of (await base.findByKey?.(key)) ?? []) found.set(keyOf(record.type, record.id), record);
      // Records this batch changed may have gained or lost the key.
      for (const [k, record] of staged) {
        if (!record.deleted && indexKeys(record.type, record.data).includes(key)) found.set(k, record);
        else found.delete(k);
      }
      return [...found.values()].filter((r) => !r.deleted).map((r) => structuredClone(r)).sort(byId);
    },
    async run(name, args, stepCtx = ctx) {
      const result = await apply(batch, name, args, stepCtx);
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

/**
 * The context with a clock later than every clock on `records`, so a rule's writes to them take
 * effect even when the writer's clock runs behind; without skew it is `ctx` unchanged.
 */
export function clockAfter(ctx: ApplyContext, records: SyncedRecord[]): ApplyContext {
  let latest: Hlc = ctx.hlc;
  for (const record of records) for (const clock of Object.values(record.meta.clocks)) if (clock > latest) latest = clock;
  if (latest === ctx.hlc) return ctx;
  const parts = parseHlc(latest);
  const node = parseHlc(ctx.hlc).node;
  const next = parts.counter < 99_999 ? { wall: parts.wall, counter: parts.counter + 1, node } : { wall: parts.wall + 1, counter: 0, node };
  return { ...ctx, hlc: formatHlc(next) };
}

/** Notes a value a rule declined to write (the record kept its own) in the record's history. */
export function noteHistory(record: SyncedRecord, field: string, value: unknown, ctx: ApplyContext): void {
  record.meta.history.push({
    field,
    value,
    hlc: ctx.hlc,
    replacedBy: record.meta.clocks[field] ?? "",
    by: ctx.actorId,
    at: ctx.now,
  });
  if (record.meta.history.length > MAX_HISTORY) record.meta.history.splice(0, record.meta.history.length - MAX_HISTORY);
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

/** The workspace settings a mutation works with: the context's, or the defaults. */
export function settingsOf(ctx: ApplyContext): WorkspaceSettings {
  return ctx.settings ?? WorkspaceSettingsSchema.parse({});
}

/** The acting member as an activity author (null for system actors whose id is not a record id). */
export function authorIdOf(ctx: ApplyContext): string | null {
  return ctx.actorId && FIELD_SCHEMAS.activity.shape.authorId.safeParse(ctx.actorId).success ? ctx.actorId : null;
}

/** A UUID (version 8, RFC 9562 custom) derived from a string: the same input gives the same id on every replica. */
export function deterministicId(input: string): string {
  let hex = "";
  for (let seed = 1; hex.length < 32; seed++) {
    // FNV-style mixing with a murmur finalizer per seed: spreading, not security — inputs are not adversarial.
    let hash = Math.imul(0x811c9dc5, seed) >>> 0;
    for (let i = 0; i < input.length; i++) {
      hash = Math.imul(hash ^ input.charCodeAt(i), 0x01000193);
      hash ^= hash >>> 15;
    }
    hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
    hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
    hash ^= hash >>> 16;
    hex += (hash >>> 0).toString(16).padStart(8, "0");
  }
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function byId(a: SyncedRecord, b: SyncedRecord): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function err(code: DomainError["code"], message: string): { ok: false; error: DomainError } {
  return { ok: false, error: { code, message } };
}
