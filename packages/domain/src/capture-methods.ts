import type { Method } from "./extract/types.ts";

/**
 * Each extraction method as the place a rep would recognise. Methods that read the same place
 * ("json-ld", "microdata" and "rdfa" are all the page's hidden structured data) share their words.
 */
const PLACES: Record<Method | "selection" | "email", string> = {
  "json-ld": "the page's structured data",
  microdata: "the page's structured data",
  rdfa: "the page's structured data",
  "h-card": "a contact card in the page",
  opengraph: "the page's link preview",
  mailto: "an email link",
  tel: "a phone link",
  text: "the page's text",
  layout: "the page's team section",
  profile: "a profile page",
  page: "the page",
  "email-header": "the email's sender",
  signature: "the email signature",
  selection: "the text you selected",
  email: "an email",
};

/**
 * How a capture found a person, in words ("Found in the page's team section and an email
 * link"), from the extraction methods it records (`["layout", "mailto"]`, or provenance's
 * `"layout+mailto"`). Unknown methods are left out; null when none is known.
 */
export function methodsInWords(methods: readonly string[] | string): string | null {
  const list = typeof methods === "string" ? methods.split("+") : methods;
  const places = [...new Set(list.map((m) => (m in PLACES ? PLACES[m as keyof typeof PLACES] : null)))].filter(
    (p): p is string => p !== null,
  );
  if (!places.length) return null;
  return `Found in ${joinWords(places)}`;
}

/** "a", "a and b", "a, b and c". */
function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}
