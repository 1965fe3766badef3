import {
  EmailSchema,
  isPhoneLike,
  longText,
  MAX_TEXT,
  OptionalShortText,
  ShortText,
  TagSchema,
  UrlSchema,
} from "../common.ts";
import { customValueSchema } from "../custom-fields.ts";
import { foldName, normalizePhone } from "../normalize.ts";
import type { CustomFieldDefinition } from "../workspace.ts";
import type { ImportDefaults, ImportDraft, ImportMapping } from "./types.ts";

/** A member an Owner column may name, by name or email. */
export interface ImportMember {
  id: string;
  name: string;
  email: string;
}

/** What reading a row needs beyond its cells. */
export interface RowContext {
  /** Region for phone numbers written without a country code. */
  defaultRegion: string;
  members?: readonly ImportMember[];
  customFields?: readonly CustomFieldDefinition[];
  defaults?: ImportDefaults;
}

/** A row read into a draft, or the problems that stop it (one sentence each); `empty` for a blank row. */
export type RowResult = { ok: true; draft: ImportDraft } | { ok: false; errors: string[]; empty?: boolean };

/** Status words a file may use, folded, per lead status an import may set. */
const STATUS_WORDS: Record<string, "new" | "working" | "qualified"> = {
  new: "new",
  neu: "new",
  nouveau: "new",
  nuevo: "new",
  open: "new",
  working: "working",
  "in progress": "working",
  contacted: "working",
  "attempted to contact": "working",
  "in bearbeitung": "working",
  "en cours": "working",
  "en progreso": "working",
  qualified: "qualified",
  qualifiziert: "qualified",
  qualifie: "qualified",
  cualificado: "qualified",
  calificado: "qualified",
};

const quote = (value: string) => `“${value.length > 60 ? `${value.slice(0, 57)}…` : value}”`;

/** The values of a list cell: split on commas, semicolons, line breaks and Google Contacts' " ::: ". */
function listOf(cell: string): string[] {
  return cell
    .split(/\s*:::\s*|[,;\n]+/)
    .map((v) => v.trim())
    .filter(Boolean);
}

/**
 * One row of a file as a lead's fields, with the domain's rules: emails validated and lower-cased,
 * phones checked and normalised as capture does (libphonenumber-js, the workspace's region), a
 * website without a scheme given https://, the owner found among the members, custom values checked
 * against their definitions. Empty cells say nothing; problems are sentences naming the column.
 */
export function mapRow(cells: readonly string[], mapping: ImportMapping, context: RowContext): RowResult {
  if (cells.every((cell) => !cell.trim())) return { ok: false, errors: ["The row is empty."], empty: true };
  const errors: string[] = [];
  const pieces: { name?: string; first?: string; last?: string } = {};
  const draft: ImportDraft = {
    name: "",
    emails: [],
    phones: [],
    title: null,
    companyName: null,
    website: null,
    status: context.defaults?.status ?? "new",
    ownerId: context.defaults?.ownerId ?? null,
    tags: [...(context.defaults?.tags ?? [])],
    custom: {},
    notes: null,
    given: [],
  };
  const short = (label: string, value: string) => {
    const parsed = OptionalShortText.safeParse(value);
    if (parsed.success) return parsed.data || null;
    errors.push(`${label} ${quote(value)} is too long or holds characters a name may not.`);
    return null;
  };
  mapping.forEach((target, column) => {
    const cell = (cells[column] ?? "").trim();
    if (!cell || target === "ignore") return;
    switch (target) {
      case "name":
        pieces.name = cell;
        break;
      case "firstName":
        pieces.first = cell;
        break;
      case "lastName":
        pieces.last = cell;
        break;
      case "email":
        for (const value of listOf(cell)) {
          const parsed = EmailSchema.safeParse(value.replace(/^mailto:/i, ""));
          if (parsed.success) draft.emails.push(parsed.data);
          else errors.push(`${quote(value)} is not an email address.`);
        }
        break;
      case "phone":
        for (const value of listOf(cell)) {
          if (isPhoneLike(value) && value.length <= 40) draft.phones.push(normalizePhone(value, context.defaultRegion));
          else errors.push(`${quote(value)} is not a phone number.`);
        }
        break;
      case "title":
        draft.title = short("Title", cell);
        break;
      case "companyName":
        draft.companyName = short("Company", cell);
        break;
      case "website": {
        const parsed = UrlSchema.safeParse(/^https?:\/\//i.test(cell) ? cell : `https://${cell}`);
        if (parsed.success && /\./.test(cell)) draft.website = parsed.data;
        else errors.push(`Website ${quote(cell)} is not a web address.`);
        break;
      }
      case "status": {
        const status = STATUS_WORDS[foldName(cell)];
        if (status) draft.status = status;
        else
          errors.push(
            `Status ${quote(cell)} is not one an import can set: use New, Working or Qualified (change it on the lead afterwards).`,
          );
        break;
      }
      case "owner": {
        const folded = foldName(cell);
        const member = context.members?.find(
          (m) => m.email.toLowerCase() === cell.toLowerCase() || foldName(m.name) === folded,
        );
        if (member) draft.ownerId = member.id;
        else errors.push(`Owner ${quote(cell)} is not a member of this workspace.`);
        break;
      }
      case "tags":
        for (const value of listOf(cell)) {
          // Google Contacts' own groups ("* myContacts", "* starred"), not labels the user made.
          if (value.startsWith("* ")) continue;
          const parsed = TagSchema.safeParse(value);
          if (parsed.success) draft.tags.push(parsed.data);
          else errors.push(`Tag ${quote(value)} is too long or holds characters a tag may not.`);
        }
        break;
      case "notes": {
        const parsed = longText(MAX_TEXT).safeParse(cell);
        if (parsed.success) draft.notes = draft.notes ? `${draft.notes}\n\n${cell}` : cell;
        else errors.push("Notes are too long or hold characters a note may not.");
        break;
      }
      default: {
        const key = target.slice("custom:".length);
        const definition = context.customFields?.find((d) => d.recordType === "lead" && d.key === key);
        if (!definition) {
          errors.push(`There is no custom field “${key}” for leads.`);
          break;
        }
        const raw = definition.kind === "number" ? Number(cell.replace(/,/g, "")) : cell;
        const parsed = customValueSchema(definition).safeParse(raw);
        if (parsed.success && parsed.data !== null) draft.custom[key] = parsed.data;
        else
          errors.push(
            `${definition.label} ${quote(cell)}: ${definition.kind === "number" ? "not a number" : parsed.success ? "empty" : (parsed.error.issues[0]?.message ?? "not valid")}.`,
          );
      }
    }
  });
  const fields: Record<string, string> = { email: "emails", phone: "phones", owner: "ownerId", tags: "tags" };
  draft.given = [
    ...new Set(
      mapping
        .map((target, column) => ((cells[column] ?? "").trim() && target !== "ignore" ? target : null))
        .filter((target): target is NonNullable<typeof target> => target !== null)
        .map((target) => (target.startsWith("custom:") ? "custom" : (fields[target] ?? target))),
    ),
  ];
  draft.emails = [...new Set(draft.emails)];
  draft.phones = [...new Set(draft.phones)];
  draft.tags = [...new Set(draft.tags)];
  const name = pieces.name ?? [pieces.first, pieces.last].filter(Boolean).join(" ");
  // Like HubSpot, a person with an email and no name still comes in, named by their address.
  const named = ShortText.safeParse(name || draft.emails[0] || "");
  if (named.success) draft.name = named.data;
  else if (!name && !draft.emails.length) errors.push("The row has no name and no email.");
  else errors.push(`Name ${quote(name)} is too long or holds characters a name may not.`);
  return errors.length ? { ok: false, errors } : { ok: true, draft };
}
