import { normalizeEmail, normalizePhone } from "@leadpane/domain";

/** A person read from text the rep selected on a page ("Save selection as lead"). */
export interface SelectionPerson {
  name: string;
  title: string | null;
  emails: string[];
  phones: string[];
}

const EMAIL = /[A-Z0-9._%+-]+@[A-Z0-9.-]+\.[A-Z]{2,}/gi;
// Runs of digits with the separators people write phones with; validated by libphonenumber-js
// (through the domain's normalizePhone) afterwards, so the pattern may be generous.
const PHONE = /(?:\+|\b00|\()?\d[\d\s().\-/]{6,}\d/g;
const NAME_WORD = /^[\p{Lu}][\p{L}'’.-]*$/u;
const LABEL = /^(e-?mail|mail|phone|tel|mobile|cell|fax|t|m|e|p)\s*[:.]\s*/i;

/**
 * Reads a name, title, emails and phones from free text: a signature, a line in a bio, a card on
 * a team page. The name is the first line that looks like a person's name (2–4 capitalised words,
 * no digits or @); the title is the short line right after it, if any. Null when neither a name
 * nor an email is found: there is nobody to save.
 */
export function parseSelection(text: string, defaultRegion = "US"): SelectionPerson | null {
  const emails = unique((text.match(EMAIL) ?? []).map((e) => normalizeEmail(e)).filter((e): e is string => Boolean(e)));
  const withoutEmails = text.replace(EMAIL, " ");
  const phones = unique(
    (withoutEmails.match(PHONE) ?? [])
      .map((raw) => normalizePhone(raw, defaultRegion))
      // normalizePhone keeps what was written when it does not parse: only parsed numbers count.
      .filter((p) => /^\+\d{8,15}$/.test(p)),
  );
  const lines = text
    .split(/[\n\r|•·]+/)
    .map((line) => line.replace(LABEL, "").trim())
    .filter(Boolean);
  let name = "";
  let title: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const candidate = stripNameNoise(lines[i]!);
    if (looksLikeName(candidate)) {
      name = candidate;
      const next = lines[i + 1];
      if (next && !/[@\d]/.test(next) && next.length <= 80 && !looksLikeName(stripNameNoise(next))) title = next;
      break;
    }
  }
  if (!name && emails[0]) name = nameFromEmail(emails[0]);
  if (!name) return null;
  return { name, title, emails, phones };
}

function stripNameNoise(line: string): string {
  // "Jane Doe, VP Sales" and "Jane Doe – Acme": the name is before the first separator.
  return line
    .split(/\s[–—-]\s|,\s/)[0]!
    .replace(/\s+/g, " ")
    .trim();
}

function looksLikeName(line: string): boolean {
  if (/[@\d]/.test(line) || line.length > 60) return false;
  const words = line.split(" ");
  return words.length >= 2 && words.length <= 4 && words.every((w) => NAME_WORD.test(w));
}

/** "jane.doe@acme.com" → "Jane Doe": a readable name when the selection had only an address. */
function nameFromEmail(email: string): string {
  const local = email.split("@")[0] ?? email;
  return local
    .split(/[._-]+/)
    .filter(Boolean)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join(" ");
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
