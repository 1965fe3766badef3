import ICAL from "ical.js";
import { ESCAPED_BACKSLASH, splitCards } from "./normalize.ts";

/** A person as read from one vCard: the fields a lead or contact takes. */
export interface VcardPerson {
  name: string;
  emails: string[];
  phones: string[];
  title?: string;
  companyName?: string;
  website?: string;
  notes?: string;
  /** The card's UID, when it has one (a Leadpane export writes the record's id there). */
  uid?: string;
}

/** Reads a vCard file (2.1, 3.0 or 4.0; one card or many) into people, with a message per card it could not read. */
export function parseVcards(text: string): { cards: VcardPerson[]; errors: Array<{ card: number; message: string }> } {
  const cards: VcardPerson[] = [];
  const errors: Array<{ card: number; message: string }> = [];
  for (const raw of splitCards(text)) {
    if (raw.text === null) {
      errors.push({ card: raw.number, message: raw.problem ?? "The card could not be read" });
      continue;
    }
    let component: ICAL.Component;
    try {
      component = new ICAL.Component(ICAL.parse(raw.text) as unknown[]);
    } catch (error) {
      errors.push({ card: raw.number, message: `The card could not be read: ${(error as Error).message}` });
      continue;
    }
    const person = toPerson(component);
    if (typeof person === "string") errors.push({ card: raw.number, message: person });
    else cards.push(person);
  }
  return { cards, errors };
}

function toPerson(card: ICAL.Component): VcardPerson | string {
  const emails = unique(preferredFirst(card, "email").map((value) => value.replace(/^mailto:/i, "")));
  const phones = unique(preferredFirst(card, "tel").map((value) => value.replace(/^tel:/i, "")));
  const org = components(card.getFirstPropertyValue("org"));
  const companyName = org.find(Boolean);
  const name = text(card.getFirstPropertyValue("fn")) || nameFromN(card) || companyName || emails[0] || "";
  if (!name) return "The card has no name, company or email";
  const person: VcardPerson = { name, emails, phones };
  const title = text(card.getFirstPropertyValue("title"));
  if (title) person.title = title;
  if (companyName) person.companyName = companyName;
  const website = text(card.getFirstPropertyValue("url"));
  if (website) person.website = website;
  const notes = card
    .getAllProperties("note")
    .map((property) => text(property.getFirstValue()))
    .filter(Boolean)
    .join("\n\n");
  if (notes) person.notes = notes;
  const uid = text(card.getFirstPropertyValue("uid"));
  if (uid) person.uid = uid.replace(/^urn:uuid:/i, "");
  return person;
}

/** The values of a property, the one marked preferred (TYPE=pref or PREF=1) first. */
function preferredFirst(card: ICAL.Component, name: string): string[] {
  const properties = card.getAllProperties(name);
  const isPreferred = (property: ICAL.Property) => {
    const type = property.getParameter("type");
    const types = (Array.isArray(type) ? type : [type]).map((t) => String(t ?? "").toLowerCase());
    return types.includes("pref") || String(property.getParameter("pref") ?? "") === "1";
  };
  const ordered = [...properties.filter(isPreferred), ...properties.filter((p) => !isPreferred(p))];
  return ordered.map((property) => text(property.getFirstValue())).filter(Boolean);
}

/** "Given Middle Family" from N (family;given;middle;prefix;suffix), for cards without FN. */
function nameFromN(card: ICAL.Component): string {
  const [family = "", given = "", middle = "", prefix = "", suffix = ""] = components(card.getFirstPropertyValue("n"));
  return [prefix, given, middle, family, suffix].filter(Boolean).join(" ");
}

/** A structured value's components, as strings (ical.js gives a string when there is one component). */
function components(value: unknown): string[] {
  if (Array.isArray(value)) return value.map((part) => (Array.isArray(part) ? part.join(" ") : text(part)));
  return value === null || value === undefined ? [] : [text(value)];
}

function text(value: unknown): string {
  if (value === null || value === undefined) return "";
  return String(value).replaceAll(ESCAPED_BACKSLASH, "\\").trim();
}

function unique(values: string[]): string[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = value.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
