import ICAL from "ical.js";
import type { VcardPerson } from "./parse.ts";

/** A lead or contact as a vCard holds it: its id (the card's UID) and when it last changed (REV). */
export interface VcardRecord extends Omit<VcardPerson, "uid"> {
  id: string;
  updatedAt?: string;
}

/** People as one vCard 4.0 file (FN, N, EMAIL, TEL, ORG, TITLE, URL, NOTE, UID, REV), CRLF line ends. */
export function serializeVcards(records: VcardRecord[]): string {
  return records.map(toCard).join("");
}

function toCard(record: VcardRecord): string {
  const card = new ICAL.Component("vcard");
  card.addPropertyWithValue("version", "4.0");
  card.addPropertyWithValue("fn", record.name);
  const n = new ICAL.Property("n");
  n.setValue(splitName(record.name));
  card.addProperty(n);
  record.emails.forEach((email, index) => {
    const property = card.addPropertyWithValue("email", email);
    if (index === 0 && record.emails.length > 1) property.setParameter("pref", "1");
  });
  record.phones.forEach((phone, index) => {
    const property = card.addPropertyWithValue("tel", phone);
    property.setParameter("value", "text");
    if (index === 0 && record.phones.length > 1) property.setParameter("pref", "1");
  });
  if (record.companyName) {
    const org = new ICAL.Property("org");
    // Two components, so ical.js writes and reads it as a structured value with every character escaped.
    org.setValue([record.companyName, ""]);
    card.addProperty(org);
  }
  if (record.title) card.addPropertyWithValue("title", record.title);
  if (record.website) card.addPropertyWithValue("url", record.website);
  if (record.notes) card.addPropertyWithValue("note", record.notes);
  card.addPropertyWithValue("uid", record.id);
  if (record.updatedAt) card.addPropertyWithValue("rev", revision(record.updatedAt));
  return `${card.toString()}\r\n`;
}

/** N's components (family;given;middle;prefix;suffix) from a full name: the last word is the family name. */
function splitName(name: string): string[] {
  const words = name.trim().split(/\s+/);
  if (words.length < 2) return [name.trim(), "", "", "", ""];
  return [words.at(-1) ?? "", words.slice(0, -1).join(" "), "", "", ""];
}

/** REV as vCard 4.0's basic UTC timestamp (`20240102T030405Z`). */
function revision(iso: string): string {
  return `${iso
    .replace(/[-:]/g, "")
    .replace(/\.\d+/, "")
    .replace(/\+0000$/, "Z")}`;
}
