import type { CountryCode } from "libphonenumber-js/min";
import metadata from "libphonenumber-js/min/metadata";

// An exact pre-filter for libphonenumber's finder (the finder costs 0.1–0.4 ms per text): a valid number needs a
// run of digits at least as long as the shortest national number its plan accepts. Read from the same metadata.

// Positions in a minified numbering plan (metadata v4): see libphonenumber-js's metadata.js.
const IDD_PREFIX = 1;
const NATIONAL_PATTERN = 2;
const POSSIBLE_LENGTHS = 3;
const TRANSFORM_RULE = 8;

type Plan = unknown[];

/** The fewest characters a numbering plan's national number pattern can match (digits only: one each). */
export function shortestMatch(pattern: string): number {
  let at = 0;
  // alternatives := sequence ('|' sequence)*; returns the shortest of them.
  const alternatives = (): number => {
    let best = sequence();
    while (pattern[at] === "|") {
      at++;
      best = Math.min(best, sequence());
    }
    return best;
  };
  const sequence = (): number => {
    let total = 0;
    while (at < pattern.length && pattern[at] !== "|" && pattern[at] !== ")") {
      const atom = atomLength();
      total += atom * quantifier();
    }
    return total;
  };
  const atomLength = (): number => {
    const c = pattern[at]!;
    if (c === "(") {
      at++;
      if (pattern[at] === "?") at += 2; // (?: … )
      const inner = alternatives();
      at++; // ')'
      return inner;
    }
    if (c === "[") {
      at = pattern.indexOf("]", at + 1) + 1;
      return 1;
    }
    at += c === "\\" ? 2 : 1;
    return 1;
  };
  const quantifier = (): number => {
    const c = pattern[at];
    if (c === "?" || c === "*") {
      at++;
      return 0;
    }
    if (c === "+") {
      at++;
      return 1;
    }
    if (c === "{") {
      const end = pattern.indexOf("}", at);
      const min = Number.parseInt(pattern.slice(at + 1, end), 10);
      at = end + 1;
      return min;
    }
    return 1;
  };
  return alternatives();
}

/**
 * The fewest digits a text must show for a plan's valid number: its shortest national number, less the digits a
 * national prefix's transform rule writes in (San Marino's "0549$1" turns 6 written digits into 10).
 */
function fewestWrittenDigits(plan: Plan): number {
  const pattern = plan[NATIONAL_PATTERN];
  const lengths = plan[POSSIBLE_LENGTHS];
  let shortest = typeof pattern === "string" ? shortestMatch(pattern) : 0;
  if (Array.isArray(lengths) && lengths.length > 0) shortest = Math.min(shortest, ...(lengths as number[]));
  const rule = plan[TRANSFORM_RULE];
  if (typeof rule !== "string") return shortest;
  const groups = rule.match(/\$\d/g) ?? [];
  // A group written twice could double digits: no bound then.
  if (new Set(groups).size !== groups.length) return 0;
  const literal = rule.replace(/\$\d/g, "").replace(/\D/g, "").length;
  return Math.max(0, shortest - literal);
}

const json = metadata as unknown as {
  country_calling_codes: Record<string, string[]>;
  countries: Record<string, Plan>;
  nonGeographic?: Record<string, Plan>;
};

let anyPlan: number | undefined;
const byRegion = new Map<string, number>();

/** The fewest digits of a number written with an international prefix or a plus: any plan's, after its code. */
function internationalMinimum(): number {
  if (anyPlan === undefined) {
    anyPlan = Number.POSITIVE_INFINITY;
    for (const plan of [...Object.values(json.countries), ...Object.values(json.nonGeographic ?? {})])
      anyPlan = Math.min(anyPlan, fewestWrittenDigits(plan));
  }
  return anyPlan;
}

/**
 * The fewest digits in one run a text needs for the finder to find a valid number in it with this default
 * region: a national number of the region's calling code; after the region's international prefix, a calling
 * code and any plan's number; with a plus, a calling code and any plan's number.
 * Undefined for a region the metadata does not know (the finder then says so itself).
 */
export function fewestPhoneDigits(region: string, plus: boolean): number | undefined {
  const key = `${region}${plus ? "+" : ""}`;
  let value = byRegion.get(key);
  if (value !== undefined) return value;
  const plan = json.countries[region as CountryCode];
  if (!plan) return undefined;
  const code = plan[0] as string;
  let national = Number.POSITIVE_INFINITY;
  for (const country of json.country_calling_codes[code] ?? [region]) {
    const shared = json.countries[country];
    if (shared) national = Math.min(national, fewestWrittenDigits(shared));
  }
  // After the region's international prefix ("011", "00"), a calling code of a digit at least, then any plan's
  // number. A text with a plus may still write another number without one: the national count stands.
  const idd = typeof plan[IDD_PREFIX] === "string" ? Math.max(1, shortestMatch(plan[IDD_PREFIX] as string)) : 1;
  const international = 1 + internationalMinimum();
  value = Math.min(national, idd + international, plus ? international : Number.POSITIVE_INFINITY);
  byRegion.set(key, value);
  return value;
}

const DECIMAL_DIGIT = /\p{Nd}/u;

/**
 * Whether a text may hold a valid phone number for the finder: a run of at least the fewest digits, counted
 * across anything but ASCII letters (the finder's numbers hold digits, punctuation and spaces; reading more as
 * one run than it does only lets more texts through).
 */
export function mayHoldPhone(text: string, region: string): boolean {
  const plus = text.includes("+") || text.includes("\uFF0B");
  const needed = fewestPhoneDigits(region, plus);
  if (needed === undefined) return true;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (++run >= needed) return true;
    } else if ((c | 32) >= 97 && (c | 32) <= 122) run = 0;
    // Beyond ASCII: a decimal digit, or half of a pair that may be one (counting it twice only lets more through).
    else if (c > 127 && ((c >= 0xd800 && c <= 0xdfff) || DECIMAL_DIGIT.test(text[i]!)) && ++run >= needed) return true;
  }
  return false;
}
