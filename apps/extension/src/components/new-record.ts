import {
  CustomDateSchema,
  FIELD_LABELS,
  FIELD_SCHEMAS,
  plainErrors,
  RECORD_TYPES,
  type MatchCandidate,
  type SubjectRef,
} from "@leadpane/domain";
import { localInputToIso } from "../local-db/task-buckets.ts";
import { hostOf, typedAmount } from "./field-edit.ts";

/** The records a rep creates by hand. */
export const NEW_RECORD_TYPES = ["lead", "contact", "company", "deal", "task"] as const;
/** One kind of record created by hand. */
export type NewRecordType = (typeof NEW_RECORD_TYPES)[number];

/** The words for each type on buttons and headings ("New lead", "Create lead"). */
export const NEW_RECORD_NOUNS: Record<NewRecordType, string> = {
  lead: "lead",
  contact: "contact",
  company: "company",
  deal: "deal",
  task: "task",
};

/** One input of the "New …" form: its name (as `NewRecordInput` keys it) and label. */
export interface NewRecordInputSpec {
  name: string;
  label: string;
  kind: "text" | "email" | "tel" | "date" | "datetime-local" | "decimal";
  required?: boolean;
}

/** What each "New …" form asks for: the few fields a rep knows at once (the rest is edited in place). */
export const NEW_RECORD_INPUTS: Record<NewRecordType, readonly NewRecordInputSpec[]> = {
  lead: [
    { name: "name", label: "Name", kind: "text", required: true },
    { name: "email", label: "Email", kind: "email" },
    { name: "phone", label: "Phone", kind: "tel" },
    { name: "title", label: "Title", kind: "text" },
    { name: "companyName", label: "Company", kind: "text" },
  ],
  contact: [
    { name: "name", label: "Name", kind: "text", required: true },
    { name: "email", label: "Email", kind: "email" },
    { name: "phone", label: "Phone", kind: "tel" },
    { name: "title", label: "Title", kind: "text" },
  ],
  company: [
    { name: "name", label: "Name", kind: "text", required: true },
    { name: "domain", label: "Domain", kind: "text" },
    { name: "phone", label: "Phone", kind: "tel" },
    { name: "address", label: "Address", kind: "text" },
  ],
  deal: [
    { name: "title", label: "Title", kind: "text", required: true },
    { name: "amount", label: "Amount", kind: "decimal" },
    { name: "currency", label: "Currency", kind: "text" },
    { name: "closeDate", label: "Close date", kind: "date" },
  ],
  task: [
    { name: "title", label: "Task", kind: "text", required: true },
    { name: "due", label: "Due", kind: "datetime-local" },
  ],
};

/** What the rep typed, by input name. */
export type NewRecordInput = Readonly<Record<string, string>>;

/** Who creates, in which workspace, and from where (the record on screen, if any). */
export interface NewRecordContext {
  memberId: string;
  currency: string;
  firstStage: string;
  /** The record shown when the rep pressed `n`: a deal or task made there points at it. */
  subject?: SubjectRef | null;
}

/** A "New …" form's result: the fields of the `create`, or errors in plain words by input name. */
export type NewRecordResult =
  | { ok: true; fields: Record<string, unknown> }
  | { ok: false; errors: Record<string, string> };

// Where a schema field's error is shown: the input it came from.
const INPUT_OF: Record<string, string> = {
  emails: "email",
  phones: "phone",
  expectedCloseAt: "closeDate",
  dueAt: "due",
};

/**
 * The fields of a hand-made record, checked with the domain's schema before anything is saved;
 * the rep owns (or is assigned) what they create, as in HubSpot and Pipedrive.
 */
export function newRecordFields(
  type: NewRecordType,
  input: NewRecordInput,
  context: NewRecordContext,
): NewRecordResult {
  const value = (name: string) => (input[name] ?? "").trim();
  const optional = (name: string) => value(name) || null;
  const list = (name: string) => (value(name) ? [value(name)] : []);
  const errors: Record<string, string> = {};
  const subject = context.subject ?? null;
  let fields: Record<string, unknown>;
  switch (type) {
    case "lead":
      fields = {
        name: value("name"),
        emails: list("email"),
        phones: list("phone"),
        title: optional("title"),
        companyName: optional("companyName"),
        source: { kind: "manual" },
        ownerId: context.memberId,
      };
      break;
    case "contact":
      fields = {
        name: value("name"),
        emails: list("email"),
        phones: list("phone"),
        title: optional("title"),
        companyId: subject?.type === "company" ? subject.id : null,
        ownerId: context.memberId,
      };
      break;
    case "company": {
      const domain = hostOf(value("domain"));
      if (value("domain") && !domain) errors.domain = `'${value("domain")}' is not a domain such as acme.com`;
      fields = {
        name: value("name"),
        domain: domain || null,
        phones: list("phone"),
        address: optional("address"),
        ownerId: context.memberId,
      };
      break;
    }
    case "deal": {
      const currency = (value("currency") || context.currency).toUpperCase();
      if (!/^[A-Z]{3}$/.test(currency))
        errors.currency = `'${value("currency")}' is not a currency code: use three letters such as EUR`;
      const amount = typedAmount(value("amount").trim() || "0", errors.currency ? "USD" : currency);
      if (!amount.ok) errors.amount = amount.error;
      const close = value("closeDate");
      if (close && !CustomDateSchema.safeParse(close).success) errors.closeDate = `'${close}' is not a date`;
      fields = {
        title: value("title"),
        amount: amount.ok ? amount.value : 0,
        currency,
        stage: context.firstStage,
        expectedCloseAt: close && !errors.closeDate ? `${close}T00:00:00.000Z` : null,
        contactId: subject?.type === "contact" ? subject.id : null,
        companyId: subject?.type === "company" ? subject.id : null,
        leadId: subject?.type === "lead" ? subject.id : null,
        ownerId: context.memberId,
      };
      break;
    }
    case "task": {
      const due = value("due");
      const dueAt = due ? localInputToIso(due) : null;
      if (due && !dueAt) errors.due = `'${due}' is not a date and time`;
      fields = {
        title: value("title"),
        dueAt,
        assigneeId: context.memberId,
        subject: subject && subject.type !== "task" ? subject : null,
      };
      break;
    }
  }
  if ("phones" in fields && value("phone") && (value("phone").match(/\d/g) ?? []).length < 3)
    errors.phone = `'${value("phone")}' is not a phone number`;
  const parsed = FIELD_SCHEMAS[type].safeParse(fields);
  if (!parsed.success) {
    const labels = type === "task" ? { ...FIELD_LABELS, title: "Task" } : FIELD_LABELS;
    for (const [field, message] of Object.entries(plainErrors(parsed.error, fields, labels))) {
      const name = INPUT_OF[field] ?? field;
      errors[name] ??= message;
    }
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, fields };
}

/** What to look for among existing records before creating (the capture's match rules), or null. */
export function duplicateCandidate(
  type: NewRecordType,
  fields: Readonly<Record<string, unknown>>,
): MatchCandidate | null {
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((s): s is string => typeof s === "string") : []);
  const text = (v: unknown) => (typeof v === "string" ? v : null);
  if (type === "lead" || type === "contact")
    return {
      kind: "person",
      name: text(fields.name),
      emails: strings(fields.emails),
      phones: strings(fields.phones),
      companyName: text(fields.companyName),
    };
  if (type === "company") return { kind: "company", name: text(fields.name), domain: text(fields.domain) };
  return null;
}

/** The type a "New …" button offers on a view ("contacts" → contact); a record page offers a lead. */
export function newTypeForView(view: string): NewRecordType {
  const types: Record<string, NewRecordType> = {
    leads: "lead",
    contacts: "contact",
    companies: "company",
    deals: "deal",
    tasks: "task",
  };
  return types[view] ?? "lead";
}

/** A record page's type and id as a subject, when the type is a record type. */
export function subjectOf(type: string, id: string): SubjectRef | null {
  const known = RECORD_TYPES.find((t) => t === type);
  return known ? { type: known, id } : null;
}

/** Where to go once a record is made: a task shows with the record it is about (or in Tasks), others on their page. */
export function pageAfterCreate(ref: SubjectRef, fields?: Readonly<Record<string, unknown>>): SubjectRef | "tasks" {
  if (ref.type !== "task") return ref;
  const about = fields?.subject;
  if (about && typeof about === "object" && "type" in about && "id" in about)
    return subjectOf(String(about.type), String(about.id)) ?? "tasks";
  return "tasks";
}
