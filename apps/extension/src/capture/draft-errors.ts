import { FIELD_LABELS, LeadFieldsSchema, plainErrors } from "@leadpane/domain";
import { draftValues, type DraftPerson } from "./save-capture.ts";

/** The fields of a capture card, in the order they are shown (the first bad one takes the focus). */
export const DRAFT_FIELDS = ["name", "title", "companyName", "emails", "phones", "urls"] as const;
export type DraftField = (typeof DRAFT_FIELDS)[number];

/** What is wrong with a card, by field, in plain words; empty when it can be saved. */
export type DraftErrors = Partial<Record<DraftField, string>>;

// The card's fields, checked by the same rules the lead's create applies when saving.
const CardSchema = LeadFieldsSchema.pick({
  name: true,
  title: true,
  companyName: true,
  emails: true,
  phones: true,
  urls: true,
});

/**
 * A card's problems before anything is saved: "Name is required", "'aoife at pipedream dot io' is
 * not an email address", a phone without enough digits. Never zod's own wording.
 */
export function draftErrors(draft: DraftPerson): DraftErrors {
  const values = draftValues(draft);
  const parsed = CardSchema.safeParse(values);
  const errors: DraftErrors = parsed.success ? {} : plainErrors(parsed.error, { ...values }, FIELD_LABELS);
  if (!errors.phones) {
    // The schema takes any text of 3+ characters as a phone; a number a person can dial has digits.
    const bad = values.phones.find((p) => (p.match(/\d/g)?.length ?? 0) < 5);
    if (bad) errors.phones = `'${bad}' is not a phone number`;
  }
  return errors;
}

/** The first field with a problem, in the order the card shows them. */
export function firstBadField(errors: DraftErrors): DraftField | null {
  return DRAFT_FIELDS.find((field) => errors[field]) ?? null;
}
