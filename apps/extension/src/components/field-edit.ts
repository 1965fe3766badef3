import {
  CustomDateSchema,
  customValueSchema,
  EmailSchema,
  FIELD_LABELS,
  patchSchemaFor,
  PhoneSchema,
  plainErrors,
  plainIssue,
  TagSchema,
  toMinorUnits,
  UrlSchema,
  type CustomFieldDefinition,
  type SetField,
} from "@leadpane/domain";
import { fieldsOf, observedAdds, type SyncedRecord } from "@leadpane/domain/sync";
import type { LocalChange } from "../local-db/local-mutations.ts";
import { localInputToIso } from "../local-db/task-buckets.ts";

/** What an inline edit becomes: the field-level changes to apply, or why it cannot be saved (in plain words). */
export type FieldEdit = { ok: true; changes: LocalChange[] } | { ok: false; error: string };

type Editable = Pick<SyncedRecord, "type" | "id" | "meta" | "data">;

const SET_VALUE_SCHEMAS: Record<SetField, typeof TagSchema | typeof EmailSchema | typeof UrlSchema> = {
  emails: EmailSchema,
  phones: PhoneSchema,
  urls: UrlSchema,
  tags: TagSchema,
};

const fail = (error: string): FieldEdit => ({ ok: false, error });
const none: FieldEdit = { ok: true, changes: [] };

/**
 * One scalar field typed by the rep, as the `update` it makes: trimmed, an empty optional field
 * cleared (null), checked against the record type's schema before anything is saved. An unchanged
 * value makes no change (no history entry for nothing).
 */
export function scalarEdit(record: Editable, field: string, typed: string): FieldEdit {
  const text = typed.trim();
  const schema = patchSchemaFor(record.type);
  // Optional text fields are cleared by emptying them; a required one (name) says so.
  const value = text === "" && schema.safeParse({ [field]: null }).success ? null : text;
  const parsed = schema.safeParse({ [field]: value });
  if (!parsed.success) {
    const errors = plainErrors(parsed.error, { [field]: typed });
    return fail(errors[field] ?? `${FIELD_LABELS[field] ?? field} is not valid`);
  }
  const next = (parsed.data as Record<string, unknown>)[field] ?? null;
  if (sameValue(fieldsOf(record), field, next)) return none;
  return {
    ok: true,
    changes: [{ name: "update", args: { type: record.type, id: record.id, set: { [field]: next } } }],
  };
}

/** A pick from a list (owner, assignee, a deal's contact or company): an id, or "" for none. */
export function choiceEdit(record: Editable, field: string, id: string): FieldEdit {
  return scalarEdit(record, field, id);
}

/**
 * An amount as a rep types it ("19,200", "$48,000.50", "€ 1 200"), in minor units of `currency`,
 * or why it is not one in plain words. Grouping commas and spaces and a leading currency sign are
 * dropped, as HubSpot's and Pipedrive's amount fields do.
 */
export function typedAmount(
  typed: string,
  currency: string,
): { ok: true; value: number } | { ok: false; error: string } {
  const text = typed
    .trim()
    .replace(/^[$€£¥₹]/u, "")
    .replace(/[\s,]/g, "");
  const minor = toMinorUnits(text, currency);
  if (minor.ok) return minor;
  return {
    ok: false,
    error: /decimal places/.test(minor.error.message)
      ? `${currency} amounts have at most ${minor.error.message.replace(/\D+/g, "")} decimal places`
      : /too large/.test(minor.error.message)
        ? "Amount is too large"
        : `'${typed.trim()}' is not an amount: type a number such as 12500 or 12500.50`,
  };
}

/** A deal's amount typed in major units ("12,500.50"), stored in minor units of the deal's currency. */
export function amountEdit(record: Editable, typed: string): FieldEdit {
  const { currency: stored } = fieldsOf(record);
  const currency = typeof stored === "string" ? stored : "USD";
  if (typed.trim() === "") return fail("Amount is required (0 for none)");
  const minor = typedAmount(typed, currency);
  if (!minor.ok) return fail(minor.error);
  if (fieldsOf(record).amount === minor.value) return none;
  return {
    ok: true,
    changes: [{ name: "update", args: { type: "deal", id: record.id, set: { amount: minor.value } } }],
  };
}

/** A company's domain as its host ("https://www.Acme.com/about" → "acme.com"), "" to clear. */
export function domainEdit(record: Editable, typed: string): FieldEdit {
  const text = typed.trim();
  const host = hostOf(text);
  if (text && !host) return fail(`'${text}' is not a domain such as acme.com`);
  return scalarEdit(record, "domain", host);
}

/** A currency code typed in any case ("eur" → "EUR"). */
export function currencyEdit(record: Editable, typed: string): FieldEdit {
  const code = typed.trim().toUpperCase();
  if (code === "") return fail("Currency is required");
  if (!/^[A-Z]{3}$/.test(code)) return fail(`'${typed.trim()}' is not a currency code: use three letters such as EUR`);
  return scalarEdit(record, "currency", code);
}

/** A deal's close date (YYYY-MM-DD from a date input, "" to clear) through its own mutation. */
export function closeDateEdit(record: Editable, typed: string): FieldEdit {
  const text = typed.trim();
  if (text !== "" && !CustomDateSchema.safeParse(text).success) return fail(`'${text}' is not a date`);
  const { expectedCloseAt } = fieldsOf(record);
  const current = typeof expectedCloseAt === "string" ? expectedCloseAt.slice(0, 10) : "";
  if (current === text) return none;
  return { ok: true, changes: [{ name: "setDealCloseDate", args: { dealId: record.id, closeDate: text || null } }] };
}

/** A task's due time from a datetime-local input (the rep's local time), "" to clear. */
export function dueEdit(record: Editable, typed: string): FieldEdit {
  const text = typed.trim();
  const iso = text === "" ? null : localInputToIso(text);
  if (text !== "" && !iso) return fail(`'${text}' is not a date and time`);
  if ((fieldsOf(record).dueAt ?? null) === iso) return none;
  return { ok: true, changes: [{ name: "update", args: { type: "task", id: record.id, set: { dueAt: iso } } }] };
}

/**
 * One custom field's value, checked against its definition in workspace settings. The record's
 * `custom` object is one field to sync, so the change carries it whole with this key changed.
 */
export function customEdit(record: Editable, definition: CustomFieldDefinition, typed: string): FieldEdit {
  const text = typed.trim();
  let value: string | number | null = text === "" ? null : text;
  if (definition.kind === "number" && value !== null) {
    const number = Number(text.replace(/[\s,]/g, ""));
    if (!Number.isFinite(number)) return fail(`'${text}' is not a number`);
    value = number;
  }
  const parsed = customValueSchema(definition).safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail(issue ? plainIssue(issue, { "": definition.label }, text) : `${definition.label} is not valid`);
  }
  const stored = fieldsOf(record).custom;
  const custom = isObject(stored) ? stored : {};
  if ((custom[definition.key] ?? null) === parsed.data) return none;
  return {
    ok: true,
    changes: [
      {
        name: "update",
        args: { type: record.type, id: record.id, set: { custom: { ...custom, [definition.key]: parsed.data } } },
      },
    ],
  };
}

/**
 * One value of a set-valued field (an email, phone, link or tag) added or replaced: `previous` is
 * the value being edited (null for a new one). A replacement is the `remove` of the value the rep
 * saw plus the `add` of the new one, so a teammate's concurrent add survives; emptying a value removes it.
 */
export function setValueEdit(record: Editable, field: SetField, previous: string | null, typed: string): FieldEdit {
  const text = typed.trim();
  const label = FIELD_LABELS[field] ?? field;
  if (text === "")
    return previous === null ? fail(`Type the ${label.toLowerCase()} to add`) : removeValue(record, field, previous);
  if (text === previous) return none;
  const parsed = SET_VALUE_SCHEMAS[field].safeParse(text);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail(issue ? plainIssue({ ...issue, path: [field] }, FIELD_LABELS, typed) : `${label} is not valid`);
  }
  // The schema takes anything 3 characters long (a phone is kept as written when it does not parse).
  if (field === "phones" && (text.match(/\d/g) ?? []).length < 3) return fail(`'${text}' is not a phone number`);
  const current = Array.isArray(fieldsOf(record)[field]) ? (fieldsOf(record)[field] as string[]) : [];
  const add: LocalChange = { name: "add", args: { type: record.type, id: record.id, field, values: [parsed.data] } };
  if (previous === null) return current.includes(parsed.data) ? none : { ok: true, changes: [add] };
  const remove = removeValue(record, field, previous);
  return remove.ok ? { ok: true, changes: [add, ...remove.changes] } : remove;
}

/** Removes one value of a set-valued field: only the adds of it this client saw (see `remove`). */
export function removeValue(record: Editable, field: SetField, value: string): FieldEdit {
  return {
    ok: true,
    changes: [
      {
        name: "remove",
        args: { type: record.type, id: record.id, field, observed: observedAdds(record, field, [value]) },
      },
    ],
  };
}

function sameValue(data: Readonly<Record<string, unknown>>, field: string, next: unknown): boolean {
  const current = data[field] ?? null;
  return current === next || JSON.stringify(current) === JSON.stringify(next);
}

function isObject(value: unknown): value is Record<string, string | number | null> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The host a rep typed as a company's domain ("https://www.acme.com/about" → "acme.com"), or "" when it is none. */
export function hostOf(typed: string): string {
  if (!typed) return "";
  const withScheme = /^[a-z]+:\/\//i.test(typed) ? typed : `https://${typed}`;
  if (!URL.canParse(withScheme)) return "";
  const host = new URL(withScheme).hostname.toLowerCase().replace(/^www\./, "");
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host) ? host : "";
}
