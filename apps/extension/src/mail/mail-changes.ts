// The local changes a mail action makes, as pure functions over what was read and what is known:
// the worker (page buttons), the side panel and the .eml import all build them here.
import { isFreeMailDomain, isHostedPage, type Contact, type Lead, type Provenance } from "@leadpane/domain";
import type { CaptureResult, RawMessage } from "@leadpane/domain/extract";
import { captureActivity } from "../capture/capture-activity.ts";
import { captureLead, captureProvenance } from "../capture/capture-lead.ts";
import type { LocalChange } from "../local-db/local-mutations.ts";
import { signatureChanges, type SignatureChange } from "./seen-again.ts";

/** The sender as the extractor found them: header plus signature, one person. */
export interface Sender {
  name: string;
  emails: string[];
  phones: string[];
  title: string | null;
  companyName: string | null;
  urls: string[];
  sources: string[];
}

/** A lead or contact already in the workspace that this sender is (the capture target). */
export interface KnownPerson {
  type: "lead" | "contact";
  id: string;
  data: Lead | Contact;
  /** A lead's companyName, or the name of a contact's company record. */
  companyName: string | null;
}

/** Who acts, when, and how new ids are made (injected so tests are deterministic). */
export interface ActionContext {
  memberId: string;
  now: string;
  newId: () => string;
}

/** The sender of an extraction result (the first person is the sender by the extractor's contract). */
export function senderOf(result: CaptureResult): Sender | null {
  const person = result.people[0];
  const address = result.email?.from.address;
  if (!person && !address) return null;
  return {
    name: person?.name ?? result.email?.from.name ?? address ?? "",
    emails: person?.emails.length ? person.emails : address ? [address] : [],
    phones: person?.phones ?? [],
    title: person?.title ?? null,
    companyName: person?.companyName ?? result.companies[0]?.name ?? null,
    urls: person?.urls ?? [],
    sources: person?.sources ?? ["email-header"],
  };
}

/** A message's identity for "already logged": sender, subject and date. */
export function messageKey(message: Pick<RawMessage, "from" | "subject" | "date">): string {
  return [message.from?.address ?? "", (message.subject ?? "").trim(), message.date ?? ""].join("|").toLowerCase();
}

/** The first words of the sender's own text (quotes and signature already removed by the caller). */
export function snippetOf(text: string, max = 280): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const lastSpace = cut.lastIndexOf(" ");
  return `${lastSpace > max * 0.6 ? cut.slice(0, lastSpace) : cut}…`;
}

/** How a known person's record reads, for comparing with a new signature. */
export function factsOf(known: KnownPerson): { title: string | null; companyName: string | null; phones: string[] } {
  return {
    title: known.data.title ?? null,
    companyName: known.companyName,
    phones: known.data.phones ?? [],
  };
}

function provenanceOf(pageUrl: string | null, sources: string[], ctx: ActionContext): Provenance {
  return captureProvenance({ url: pageUrl, methods: sources, fallback: "email", at: ctx.now, by: ctx.memberId });
}

/** The company site of a sender: the signature's own site, else their email domain's, unless that is free mail. */
function senderWebsite(sender: Pick<Sender, "urls" | "emails">): string | null {
  const own = sender.urls.find((url) => !isHostedPage(url));
  if (own) return own;
  const domain = sender.emails[0]?.split("@")[1];
  return domain && !isFreeMailDomain(domain) ? `https://${domain}` : null;
}

/** A new lead for the sender, with per-field provenance; its id is `subject.id`. */
function createLead(
  sender: Sender,
  pageUrl: string | null,
  ctx: ActionContext,
): { change: LocalChange; subject: { type: "lead"; id: string } } {
  const id = ctx.newId();
  const change = captureLead(
    id,
    {
      name: sender.name,
      title: sender.title,
      companyName: sender.companyName,
      emails: sender.emails,
      phones: sender.phones,
      urls: sender.urls,
      website: senderWebsite(sender),
    },
    {
      source: pageUrl ? { kind: "email", url: pageUrl } : { kind: "email" },
      ownerId: ctx.memberId,
      provenance: provenanceOf(pageUrl, sender.sources, ctx),
    },
  );
  return { subject: { type: "lead", id }, change };
}

/**
 * What "Capture sender" does: a new lead, or (when known) a capture activity and the empty fields
 * filled; changed ones are left for review.
 */
export function captureSenderChanges(input: {
  message: RawMessage;
  sender: Sender;
  known: KnownPerson | null;
  pageUrl: string | null;
  ctx: ActionContext;
}): {
  changes: LocalChange[];
  subject: { type: "lead" | "contact"; id: string };
  created: boolean;
  toReview: SignatureChange[];
} {
  const { message, sender, known, pageUrl, ctx } = input;
  const changes: LocalChange[] = [];
  let subject: { type: "lead" | "contact"; id: string };
  let toReview: SignatureChange[] = [];
  if (known) {
    subject = { type: known.type, id: known.id };
    const diff = signatureChanges(factsOf(known), sender);
    const provenance = provenanceOf(pageUrl, ["signature"], ctx);
    // Filling an empty field loses nothing; overwriting a value is the rep's call (seen again).
    const fills = diff.filter((c) => c.kind === "new" && (c.field !== "companyName" || known.type === "lead"));
    changes.push(...fills.flatMap((c) => acceptChange(known, c, provenance)));
    toReview = diff.filter((c) => !fills.includes(c));
  } else {
    const lead = createLead(sender, pageUrl, ctx);
    changes.push(lead.change);
    subject = lead.subject;
  }
  changes.push(
    captureActivity({
      id: ctx.newId(),
      subject,
      body: `Captured from an email${message.subject ? `: ${message.subject}` : ""}`,
      at: ctx.now,
      authorId: ctx.memberId,
      data: { url: pageUrl, subject: message.subject, from: message.from?.address ?? null, methods: sender.sources },
    }),
  );
  return { changes, subject, created: !known, toReview };
}

/**
 * What "Log this email" does: an email activity (subject and snippet) on the sender's record,
 * creating the lead first when unknown.
 */
export function logEmailChanges(input: {
  message: RawMessage;
  sender: Sender;
  known: KnownPerson | null;
  snippet: string;
  pageUrl: string | null;
  ctx: ActionContext;
}): { changes: LocalChange[]; subject: { type: "lead" | "contact"; id: string }; created: boolean } {
  const { message, sender, known, snippet, pageUrl, ctx } = input;
  const changes: LocalChange[] = [];
  let subject: { type: "lead" | "contact"; id: string };
  if (known) subject = { type: known.type, id: known.id };
  else {
    const lead = createLead(sender, pageUrl, ctx);
    changes.push(lead.change);
    subject = lead.subject;
  }
  const occurredAt =
    message.date && !Number.isNaN(Date.parse(message.date)) ? new Date(message.date).toISOString() : ctx.now;
  changes.push({
    name: "create",
    args: {
      type: "activity",
      id: ctx.newId(),
      fields: {
        type: "email",
        subject,
        // The subject is in `data` (the timeline shows it as the entry's line); the body is what was said.
        body: snippet || message.subject?.trim() || "(no subject)",
        occurredAt,
        authorId: ctx.memberId,
        data: {
          direction: "inbound",
          subject: message.subject,
          snippet,
          from: message.from,
          to: message.to,
          cc: message.cc,
          date: message.date,
          url: pageUrl,
          messageKey: messageKey(message),
        },
      },
    },
  });
  return { changes, subject, created: !known };
}

/**
 * The mutations that accept one seen-again change: `update` for title and a lead's company (the
 * sync engine keeps the value it replaces in the record's history), `add` for a phone.
 */
export function acceptChange(known: KnownPerson, change: SignatureChange, provenance: Provenance): LocalChange[] {
  const ref = { type: known.type, id: known.id };
  if (change.field === "phone") return [{ name: "add", args: { ...ref, field: "phones", values: [change.after] } }];
  // A contact's company is a linked record, not a text field: that change is for the record view.
  if (change.field === "companyName" && known.type !== "lead") return [];
  const previous = known.data.provenance ?? {};
  return [
    {
      name: "update",
      args: {
        ...ref,
        set: {
          [change.field]: change.after,
          provenance: { ...previous, [change.field]: [provenance, ...(previous[change.field] ?? [])].slice(0, 20) },
        },
      },
    },
  ];
}
