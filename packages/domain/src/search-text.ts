// prepareSearch reads phones through libphonenumber: it lives in search-query.ts, so what needs
// only the folding and digits here (an extension page's first screen) loads without it.

/** What a search looks for: the folded text, and the digit strings a phone-like query may be. */
export interface SearchQuery {
  text: string;
  phoneDigits: string[];
}

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
