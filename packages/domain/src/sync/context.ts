import type { RecordType } from "../common.ts";
import { FIELD_SCHEMAS } from "../records.ts";
import { WorkspaceSettingsSchema, type WorkspaceSettings } from "../workspace.ts";
import type { Hlc } from "./hlc.ts";
import type { RecordOf, SyncedRecord } from "./record.ts";

// What applying a mutation works with: where it reads, who applies it when, and what it answers.

/** Where a mutation reads the current state of records. */
export interface RecordReader {
  /** The record of this type and id, tombstoned or not; undefined when this replica has none. */
  get<T extends RecordType>(type: T, id: string): Promise<RecordOf<T> | undefined>;
  /**
   * Live (not deleted) records whose `indexKeys(type, data)` (keys.ts: recordKeys plus
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

/** A result that changed nothing because the mutation cannot apply. */
export function failed(code: ApplyError["code"], message: string): { ok: false; error: ApplyError } {
  return { ok: false, error: { code, message } };
}

/** Why a mutation cannot apply to a record that does not exist. */
export function notFound(type: string, id: string): { ok: false; error: ApplyError } {
  return failed("not_found", `${type} ${id} does not exist`);
}

/** The workspace settings a mutation works with: the context's, or the defaults. */
export function settingsOf(ctx: ApplyContext): WorkspaceSettings {
  return ctx.settings ?? WorkspaceSettingsSchema.parse({});
}

/** The acting member as an activity author (null for system actors whose id is not a record id). */
export function authorIdOf(ctx: ApplyContext): string | null {
  return ctx.actorId && FIELD_SCHEMAS.activity.shape.authorId.safeParse(ctx.actorId).success ? ctx.actorId : null;
}
