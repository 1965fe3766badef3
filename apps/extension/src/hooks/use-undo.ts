import { describeKept, planUndo, type ActionTrace } from "@leadpane/domain";
import { useEffect, useState } from "preact/hooks";
import type { Session } from "../chrome-storage.ts";
import { db, getMeta } from "../local-db/db.ts";
import { applyChanges } from "./apply-changes.ts";

/** How long an action stays undoable, as Gmail and HubSpot offer it (paused while the toast is hovered or focused). */
export const UNDO_WINDOW_MS = 10_000;
/** Most changes in one local transaction (a bulk undo is applied in chunks of this size). */
const CHUNK = 500;

/** The words of an undo offer: the toast's text ("Lead deleted"), and the action's name in a sentence ("the delete"). */
export interface UndoLabel {
  label: string;
  action?: string;
}

/** An action that can be undone now. */
export interface UndoOffer {
  id: number;
  label: string;
  action: string;
  trace: ActionTrace;
  session: Session;
}

/** What became of an undo: a sentence, and what it kept because someone changed it since. */
export interface UndoOutcome {
  id: number;
  message: string;
  kept: string[];
  failed: boolean;
}

/** The undo state a page shows: the latest offer (a new action replaces it), or the outcome of the last undo. */
export interface UndoState {
  offer: UndoOffer | null;
  outcome: UndoOutcome | null;
}

let state: UndoState = { offer: null, outcome: null };
let nextId = 1;
const listeners = new Set<(state: UndoState) => void>();

function publish(next: UndoState): void {
  state = next;
  for (const listener of listeners) listener(state);
}

/** Offers the action that produced `trace` for undo (the toast shows it). */
export function offerUndo(session: Session, label: UndoLabel, trace: ActionTrace): void {
  if (!trace.after.length) return;
  publish({
    offer: { id: nextId++, label: label.label, action: label.action ?? "the change", trace, session },
    outcome: null,
  });
}

/** Closes the toast: the offer (or outcome) is gone. */
export function dismissUndo(): void {
  publish({ offer: null, outcome: null });
}

/**
 * Undoes the offered action: the domain plans the inverse changes against the records as they are
 * now (planUndo), and they are applied and synced like any change. What someone changed since is
 * kept, and the outcome says so in plain words.
 */
export async function undo(offer: UndoOffer): Promise<UndoOutcome> {
  if (state.offer?.id === offer.id) publish({ offer: null, outcome: null });
  let outcome: UndoOutcome;
  try {
    // The write path (the domain's handlers) loads on demand: see apply-changes.ts.
    const { dexieReplica } = await import("../local-db/local-mutations.ts");
    const plan = await planUndo(offer.trace, dexieReplica(db));
    for (let i = 0; i < plan.changes.length; i += CHUNK)
      await applyChanges(offer.session, plan.changes.slice(i, i + CHUNK));
    const members = await getMeta("members", []);
    const whose = (id: string) => {
      if (id === offer.session.member.id) return "your own";
      const name = members.find((m) => m.id === id)?.name;
      return name ? `${name}'s` : null;
    };
    const kept = describeKept(plan.kept, whose, offer.action);
    outcome = {
      id: offer.id,
      message: !plan.changes.length
        ? kept.length
          ? "Nothing was undone: it changed since."
          : "Nothing to undo: it is already as before."
        : kept.length
          ? "Partly undone."
          : "Undone.",
      kept,
      failed: false,
    };
  } catch (e) {
    outcome = { id: offer.id, message: `Could not undo: ${(e as Error).message}`, kept: [], failed: true };
  }
  publish({ offer: null, outcome });
  return outcome;
}

/** The page's undo state, re-rendered when an action is offered or undone. */
export function useUndo(): UndoState {
  const [current, setCurrent] = useState(state);
  useEffect(() => {
    listeners.add(setCurrent);
    setCurrent(state);
    return () => void listeners.delete(setCurrent);
  }, []);
  return current;
}
