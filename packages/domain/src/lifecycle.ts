import type { RecordType } from "./common.ts";
import { validateCustomFields } from "./custom-fields.ts";
import { DEFAULT_DEAL_STAGE } from "./deal.ts";
import { deterministicId } from "./ids.ts";
import type { LeadStatus } from "./lead.ts";
import type { DomainError, Result } from "./result.ts";
import { authorIdOf, type ApplyContext, type ApplyError, type ApplyResult } from "./sync/context.ts";
import type { Activity } from "./activity.ts";
import { fieldsOf, isRecordOf, type RecordOf, type SyncedRecord } from "./sync/record.ts";
import { statusUnitClock, statusUnitWrite } from "./sync/status-unit.ts";

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

// ——— Writes the lifecycle allows ————————————————————————————————————————————————————————————

// The status unit (sync/status-unit.ts) decides which write wins a lead's status; these checks decide
// whether a winning write is allowed.

/** Why a winning write of the status unit breaks the lifecycle (`from` null for a create), or null. */
function statusUnitError(
  from: LeadStatus | null,
  set: Record<string, unknown>,
  unit: { status: unknown; unqualifiedReason: string | null },
): ApplyError | null {
  const to = unit.status as LeadStatus;
  if (from !== null && from !== to) {
    const check = transitionLead(from, to, unit.unqualifiedReason);
    if (!check.ok) return check.error;
  }
  if (to === "unqualified" && !unit.unqualifiedReason)
    return { code: "invalid", message: "an unqualified lead needs a reason" };
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
  const current = before ? fieldsOf(before) : {};
  for (const field of SYSTEM_MANAGED_FIELDS) {
    if (field in set && !sameValue(set[field], current[field])) {
      return { code: "invalid", message: `${field} is set by conversion or merge, not directly` };
    }
  }
  if (type === "lead") {
    if (!before) {
      if (set.status === "converted")
        return { code: "conflict", message: "a lead becomes converted only by conversion" };
      const unit = statusUnitWrite({}, set);
      const broken = unit && statusUnitError(null, set, unit);
      if (broken) return broken;
    } else if (current.status === "converted") {
      const changing = Object.keys(set).find((field) => !sameValue(set[field], current[field]));
      if (changing) return { code: "conflict", message: `lead ${before.id} is converted and read-only` };
    } else {
      // Only a write that wins the status unit's clock changes it; a losing one lands in history.
      const unit = statusUnitWrite(current, set);
      if (unit && ctx.hlc > statusUnitClock(before) && isRecordOf(before, "lead")) {
        const broken = statusUnitError(before.data.status, set, unit);
        if (broken) return broken;
      }
    }
  }
  if (type === "deal" && ctx.settings) {
    // A deal lives in a column of the workspace's pipeline: a stage it does not have would hide the
    // deal from the board and block every later pipeline edit.
    const stage = "stage" in set ? set.stage : before ? undefined : DEFAULT_DEAL_STAGE;
    if (
      stage !== undefined &&
      !ctx.settings.pipeline.some((s) => s.key === (typeof stage === "string" ? stage.trim() : stage))
    )
      return {
        code: "invalid",
        message: `stage must be one of this workspace's pipeline stages: ${ctx.settings.pipeline.map((s) => s.key).join(", ")}`,
      };
  }
  if (ctx.settings && "custom" in set && set.custom && typeof set.custom === "object") {
    const check = validateCustomFields(type, set.custom as Record<string, unknown>, ctx.settings.customFields);
    if (!check.ok)
      return {
        code: "invalid",
        message: check.error.map((issue) => `custom.${issue.key}: ${issue.message}`).join("; "),
      };
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
export function statusChangeActivity(
  before: SyncedRecord,
  after: SyncedRecord,
  ctx: ApplyContext,
): RecordOf<"activity"> | null {
  if (!isRecordOf(before, "lead") || !isRecordOf(after, "lead") || before.data.status === after.data.status)
    return null;
  const id = deterministicId(`status:${before.id}:${ctx.hlc}`);
  const data: Activity = {
    id,
    type: "status_change",
    subject: { type: "lead", id: before.id },
    body: "",
    occurredAt: ctx.now,
    authorId: authorIdOf(ctx),
    data: { from: before.data.status, to: after.data.status, reason: after.data.unqualifiedReason ?? null },
    createdAt: ctx.now,
    updatedAt: ctx.now,
  };
  const clocks = Object.fromEntries(
    ["type", "subject", "body", "occurredAt", "authorId", "data"].map((f) => [f, ctx.hlc]),
  );
  return { type: "activity", id, data, meta: { clocks, sets: {}, history: [] }, deleted: false, version: 0 };
}

/** A plain update's result with the status_change activity it yields when it moved a lead's status. */
export function withStatusChange(before: SyncedRecord, result: ApplyResult, ctx: ApplyContext): ApplyResult {
  if (!result.ok) return result;
  const after = result.changed.find((record) => record.type === before.type && record.id === before.id);
  const activity = after ? statusChangeActivity(before, after, ctx) : null;
  return activity ? { ok: true, changed: [...result.changed, activity] } : result;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function err(code: DomainError["code"], message: string): { ok: false; error: DomainError } {
  return { ok: false, error: { code, message } };
}
