import type { z } from "zod";
import { mutationApplier } from "../sync/apply.ts";
import { argsWalkError, brokenTextPath, UNSAFE_TEXT_MESSAGE } from "../common.ts";
import { MUTATION_NAMES as LISTED_NAMES } from "../mutation-names.ts";
import { type ApplyContext, type ApplyResult, failed, type RecordReader } from "../sync/context.ts";
import type { RecordRef } from "../sync/handler.ts";
import { addMutation } from "./add.ts";
import { convertLeadMutation } from "./convert-lead.ts";
import { createMutation } from "./create.ts";
import { deleteMutation } from "./delete.ts";
import { mergeRecordsMutation } from "./merge-records.ts";
import { moveDealMutation } from "./move-deal.ts";
import { removeMutation } from "./remove.ts";
import { recordImportMutation } from "./record-import.ts";
import { revertFieldsMutation } from "./revert-fields.ts";
import { restoreValueMutation } from "./restore-value.ts";
import { restoreMutation } from "./restore.ts";
import { setDealCloseDateMutation } from "./set-deal-close-date.ts";
import { setLeadStatusMutation } from "./set-lead-status.ts";
import { updateMutation } from "./update.ts";

/**
 * Every mutation, one handler each: the sync vocabulary. A new mutation is a file beside this one
 * (its handler, with its test beside it) and a line here; registry.test.ts checks both.
 */
export const MUTATIONS = [
  createMutation,
  updateMutation,
  addMutation,
  removeMutation,
  deleteMutation,
  restoreMutation,
  restoreValueMutation,
  setLeadStatusMutation,
  convertLeadMutation,
  mergeRecordsMutation,
  moveDealMutation,
  setDealCloseDateMutation,
  revertFieldsMutation,
  recordImportMutation,
] as const;

type Handler = (typeof MUTATIONS)[number];

/** The name of a mutation. */
export type MutationName = Handler["name"];
/** Arguments of each mutation. */
export type MutationArgs = { [H in Handler as H["name"]]: z.infer<H["args"]> };

/** The mutations' names, in the registry's order (listed apart: see mutation-names.ts). */
export const MUTATION_NAMES: MutationName[] = [...LISTED_NAMES];
// Both ways at compile time: every listed name is a handler's, every handler's name is listed.
type Unlisted = Exclude<MutationName, (typeof LISTED_NAMES)[number]>;
type Unhandled = Exclude<(typeof LISTED_NAMES)[number], MutationName>;
const everyNameListed: [Unlisted, Unhandled] extends [never, never] ? true : never = true;
void everyNameListed;

/** The mutations, by name, with the schema of their arguments (what travels, pinned by protocol-version.test.ts). */
export const MUTATION_ARGS = Object.fromEntries(MUTATIONS.map((handler) => [handler.name, handler.args])) as {
  // Object.fromEntries cannot keep the pairing of each name with its schema; the handlers do.
  [H in Handler as H["name"]]: H["args"];
};

const applier = mutationApplier(MUTATIONS);

/**
 * Applies one mutation to the records it names with the conflict rules every replica shares
 * (sync/fields.ts) and its handler's domain rules; the same function on the server and every client.
 * Pure apart from reading through `reader`; the caller writes `changed`.
 */
export function applyMutation(
  reader: RecordReader,
  name: string,
  rawArgs: unknown,
  ctx: ApplyContext,
): Promise<ApplyResult> {
  // No mutation's arguments nest deeper than a handful of levels: refused before any rule compares
  // or copies them (a value nested thousands deep overflows JSON.stringify and structuredClone).
  const refused = argsWalkError(rawArgs, MAX_ARGS_DEPTH);
  if (refused === "deep")
    return Promise.resolve(failed("invalid", `arguments nested too deeply: at most ${MAX_ARGS_DEPTH} levels`));
  if (refused === "broken") {
    const path = brokenTextPath(rawArgs) ?? [];
    return Promise.resolve(failed("invalid", `${path.join(".") || "a value"} ${UNSAFE_TEXT_MESSAGE}`));
  }
  return applier.apply(reader, name, rawArgs, ctx);
}

/** Deepest nesting of a mutation's arguments (activity data, the deepest free-form value, sits at 4 levels in). */
const MAX_ARGS_DEPTH = 32;

/**
 * The records a mutation names, its main record first (none when it is not a valid mutation): what a
 * server reads up front.
 */
export function mutationRefs(name: string, rawArgs: unknown): RecordRef[] {
  return applier.refs(name, rawArgs);
}
