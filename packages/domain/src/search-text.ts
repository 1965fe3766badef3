import { normalizePhone } from "./normalize.ts";

// biome-ignore lint/suspicious/noControlCharactersInRegex: the whole ASCII range, control characters included
const ASCII = /^[\x00-\x7f]*$/;

// Letters that carry no combining mark to strip, so NFKD alone leaves them as they are.
const LETTERS: Record<string, string> = { ø: "o", ł: "l", đ: "d", ð: "d", þ: "th", æ: "ae", œ: "oe", ß: "ss", ı: "i" };

/**
 * Text folded for search: lower case without accents ("Márquez" → "marquez", "Müller" →
 * "muller", "Søren" → "soren"), so a rep finds a name typed on a keyboard without them. Other
 * characters (spaces, "@", ".") are kept, so an email or a domain still matches as typed.
 */
export function foldForSearch(text: string): string {
  // Most names and every email are plain ASCII: lower-casing is all they need, and search folds every record it scans.
  if (ASCII.test(text)) return text.toLowerCase();
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[øłđðþæœßı]/g, (c) => LETTERS[c] ?? c);
}

/** The digits of a phone as written, for matching phones however they were typed. */
export function phoneDigits(phone: string): string {
  return phone.replace(/\D/g, "");
}

/** What a search looks for: the folded text, and the digit strings a phone-like query may be. */
export interface SearchQuery {
  text: string;
  phoneDigits: string[];
}

/** Fewest digits a query needs before it is also read as (part of) a phone number. */
const MIN_PHONE_DIGITS = 4;

/**
 * Prepares what a rep typed for matching, or null when there is nothing to look for. A query made
 * only of digits and phone punctuation ("+1 (415) 555-0100", "415.555.0100", "4155550100") also
 * looks for its digits, as typed and as the number the workspace's region reads it as (a
 * national "020 7946 0958" is "442079460958" in the stored E.164).
 */
export function prepareSearch(raw: string, region: string): SearchQuery | null {
  const trimmed = raw.trim();
  if (!trimmed) return null;
  const digits = phoneDigits(trimmed);
  const phoneLike = /^[\d\s()+./-]+$/.test(trimmed) && digits.length >= MIN_PHONE_DIGITS;
  const forms = phoneLike ? [digits, phoneDigits(normalizePhone(trimmed, region))] : [];
  return { text: foldForSearch(trimmed), phoneDigits: [...new Set(forms.filter(Boolean))] };
}

/**
 * Whether a record's texts (name, title, company, emails…) or phones match a prepared query:
 * the folded query inside a folded text, or a phone whose digits contain the query's digits.
 */
export function matchesSearch(query: SearchQuery, texts: readonly string[], phones: readonly string[]): boolean {
  if (texts.some((t) => foldForSearch(t).includes(query.text))) return true;
  if (!query.phoneDigits.length) return false;
  return phones.some((p) => {
    const digits = phoneDigits(p);
    return query.phoneDigits.some((q) => digits.includes(q));
  });
}
