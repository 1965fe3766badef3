// Mail actions against the local store: read what is known about the sender, make the changes of
// mail-changes.ts in one local transaction, and let the worker sync them. Runs in the worker (page
// buttons) and in extension pages (side panel, .eml import) alike.
import { newId } from "@leadpane/domain";
import { extractEmail, ownText, splitSignature, type CaptureResult, type RawMessage } from "@leadpane/domain/extract";
import { recordsOf } from "@leadpane/domain/sync";
import type { MailActionKind, MailActionReply } from "../messaging.ts";
import type { Session } from "../chrome-storage.ts";
import { db, type LeadpaneDb } from "../local-db/db.ts";
import { mutateAll } from "../local-db/local-mutations.ts";
import { defaultRegion, findKnownSender } from "./known-sender.ts";
import {
  captureSenderChanges,
  logEmailChanges,
  messageKey,
  senderOf,
  snippetOf,
  type KnownPerson,
  type Sender,
} from "./mail-changes.ts";
import type { SignatureChange } from "./seen-again.ts";
import { visibleByKeys } from "../local-db/visible-records.ts";

/** A message read and understood: the extraction result, its sender, and their record if known. */
export interface ReadMessage {
  message: RawMessage;
  result: CaptureResult;
  sender: Sender | null;
  known: KnownPerson | null;
}

/** Extracts the sender of a message and looks them up in the local workspace. */
export async function readMessage(message: RawMessage, database: LeadpaneDb = db): Promise<ReadMessage> {
  const region = await defaultRegion(database);
  const result = extractEmail(message, { defaultRegion: region });
  const sender = senderOf(result);
  const known = sender ? await findKnownSender(sender.emails, region, database) : null;
  return { message, result, sender, known };
}

/** What a mail action did, for the page and the side panel. */
export type MailActionOutcome =
  | { ok: true; text: string; subject: { type: "lead" | "contact"; id: string }; toReview: SignatureChange[] }
  | { ok: false; text: string };

/** Captures the sender or logs the email, locally and atomically; the caller asks the worker to sync. */
export async function runMailAction(
  action: MailActionKind,
  message: RawMessage,
  pageUrl: string | null,
  session: Session,
  database: LeadpaneDb = db,
): Promise<MailActionOutcome> {
  const read = await readMessage(message, database);
  const { sender, known } = read;
  if (!sender?.emails.length) return { ok: false, text: "No sender found in this message." };
  const ctx = { memberId: session.member.id, now: new Date().toISOString(), newId };
  const options = {
    actorId: session.member.id,
    nodeId: session.clientId,
    defaultRegion: await defaultRegion(database),
    database,
  };
  const who = known?.data.name ?? sender.name;
  if (action === "captureSender") {
    const plan = captureSenderChanges({ message, sender, known, pageUrl, ctx });
    await mutateAll(plan.changes, options);
    const review = plan.toReview.length
      ? ` Their signature changed (${plan.toReview.map(label).join(", ")}): review it in the side panel.`
      : "";
    return {
      ok: true,
      text: plan.created ? `Saved ${who} as a lead.` : `Added this email to ${who} (${known!.type}).${review}`,
      subject: plan.subject,
      toReview: plan.toReview,
    };
  }
  if (known && (await alreadyLogged(known, message, database))) {
    return { ok: true, text: `Already logged on ${who}.`, subject: { type: known.type, id: known.id }, toReview: [] };
  }
  const own = ownText(message);
  const { body } = splitSignature(own, { name: message.from?.name ?? null, email: message.from?.address ?? null });
  const plan = logEmailChanges({ message, sender, known, snippet: snippetOf(body || own), pageUrl, ctx });
  await mutateAll(plan.changes, options);
  return {
    ok: true,
    text: plan.created ? `Logged this email on ${who} (new lead).` : `Logged this email on ${who}.`,
    subject: plan.subject,
    toReview: [],
  };
}

/** The reply a content script shows for an outcome (the review list stays in the side panel). */
export function toReply(outcome: MailActionOutcome): MailActionReply {
  return outcome.ok ? { ok: true, text: outcome.text, subject: outcome.subject } : outcome;
}

function label(change: SignatureChange): string {
  return change.field === "companyName" ? "company" : change.field;
}

async function alreadyLogged(known: KnownPerson, message: RawMessage, database: LeadpaneDb): Promise<boolean> {
  const key = messageKey(message);
  const rows = await visibleByKeys(database, [`subject:${known.type}:${known.id}`]);
  return recordsOf(rows, "activity").some(
    (r) => !r.deleted && r.data.type === "email" && r.data.data?.messageKey === key,
  );
}
