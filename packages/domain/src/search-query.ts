import { normalizePhone } from "./normalize.ts";
import { foldForSearch, phoneDigits, type SearchQuery } from "./search-text.ts";

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
