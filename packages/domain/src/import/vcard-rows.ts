import type { VcardPerson } from "../vcard/parse.ts";
import type { ImportMapping } from "./types.ts";

/** The columns vCards become, and their fixed mapping. */
export const VCARD_HEADERS = ["Name", "Email", "Phone", "Title", "Company", "Website", "Notes"];
export const VCARD_MAPPING: ImportMapping = ["name", "email", "phone", "title", "companyName", "website", "notes"];

/** People from vCards as rows of the fixed columns, so they go through the same plan and preview as CSV rows. */
export function vcardRows(cards: readonly VcardPerson[]): string[][] {
  return cards.map((card) => [
    card.name,
    card.emails.join(", "),
    card.phones.join("; "),
    card.title ?? "",
    card.companyName ?? "",
    card.website ?? "",
    card.notes ?? "",
  ]);
}
