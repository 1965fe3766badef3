import type { Contact } from "../contact.ts";
import type { Lead } from "../lead.ts";
import type { VcardRecord } from "./serialize.ts";

/** A lead as a vCard: its company name, website (or first link) and the rest of its contact details. */
export function leadToVcard(
  lead: Pick<Lead, "id" | "name" | "emails" | "phones" | "title" | "companyName" | "website" | "urls" | "updatedAt">,
): VcardRecord {
  return withOptional(
    { id: lead.id, name: lead.name, emails: lead.emails, phones: lead.phones, updatedAt: lead.updatedAt },
    { title: lead.title, companyName: lead.companyName, website: lead.website ?? lead.urls[0] },
  );
}

/** A contact as a vCard, with the name of its company (contacts hold only the company's id). */
export function contactToVcard(
  contact: Pick<Contact, "id" | "name" | "emails" | "phones" | "title" | "urls" | "updatedAt">,
  companyName: string | null,
): VcardRecord {
  return withOptional(
    {
      id: contact.id,
      name: contact.name,
      emails: contact.emails,
      phones: contact.phones,
      updatedAt: contact.updatedAt,
    },
    { title: contact.title, companyName, website: contact.urls[0] },
  );
}

function withOptional(
  record: VcardRecord,
  optional: Record<"title" | "companyName" | "website", string | null | undefined>,
): VcardRecord {
  for (const [key, value] of Object.entries(optional) as Array<[keyof typeof optional, string | null | undefined]>)
    if (value) record[key] = value;
  return record;
}
