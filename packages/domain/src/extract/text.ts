import { findNumbers, type CountryCode } from "libphonenumber-js/min";
import type { PageContext } from "./context.ts";
import { isHidden, textWalker } from "./dom.ts";
import { personNear } from "./near.ts";
import type { Source } from "./source.ts";
import { findEmails } from "./text-patterns.ts";
import { none, person, type Candidates } from "./types.ts";

// A number is only believed in running text when it is written like a phone number or labelled as one.
const PHONE_CUE = /\b(tel|phone|fon|call|mobile|mob|cell|fax|ph|t|m|p|direct|office|whatsapp|☎|📞)\s*[.:]?\s*$/i;

/** Phone numbers in a text with libphonenumber's finder, kept when formatted like phones or labelled; E.164. */
export function findPhones(
  text: string,
  region: string,
): Array<{ phone: string; raw: string; index: number; fax: boolean }> {
  const out: Array<{ phone: string; raw: string; index: number; fax: boolean }> = [];
  let matches: ReturnType<typeof findNumbers>;
  try {
    matches = findNumbers(text, { defaultCountry: region as CountryCode, v2: true });
  } catch {
    return out;
  }
  for (const match of matches) {
    const raw = text.slice(match.startsAt, match.endsAt);
    // Dates, ranges and identifiers that happen to be valid numbers: digits or dashes glued to either end.
    if (
      /^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}/.test(raw) ||
      /[\d/-]/.test(text[match.startsAt - 1] ?? "") ||
      /[\d/]|-\d/.test(text.slice(match.endsAt, match.endsAt + 2))
    )
      continue;
    const before = text.slice(Math.max(0, match.startsAt - 24), match.startsAt);
    const formatted = /^\+|[\s().-]/.test(raw);
    if (!formatted && !PHONE_CUE.test(before)) continue;
    if (!match.number.isValid()) continue;
    const after = text.slice(match.endsAt, match.endsAt + 12);
    const fax =
      /fax|facsimile|\bf\s*[.:]\s*$/i.test(before.split("\n").pop() ?? "") || /^\s*[([]?\s*(fax|f)\b/i.test(after);
    out.push({ phone: match.number.number, raw, index: match.startsAt, fax });
  }
  return out;
}

/** Whether an element and its ancestors up to `root` are all shown; memoised, as text nodes share parents. */
function visibility(root: Element): (el: Element) => boolean {
  const known = new Map<Element, boolean>();
  const visible = (el: Element): boolean => {
    let value = known.get(el);
    if (value === undefined) {
      const parent = el.parentElement;
      value = !isHidden(el) && (el === root || !parent || visible(parent));
      known.set(el, value);
    }
    return value;
  };
  return visible;
}

/**
 * Emails (plain and obfuscated) and phone numbers written in the page's visible text, tied to the
 * person named nearby.
 */
export const text: Source = {
  id: "text",
  extract(ctx: PageContext) {
    const out: Candidates = none();
    const root = ctx.doc.body ?? ctx.doc.documentElement;
    if (!root) return out;
    // Cheap tests on every text node first; whether it is shown is asked only of the few that may hold a contact.
    const visible = visibility(root);
    // A lone "@" in a text node may be an address split over elements; only then is the joined text scanned.
    let splitAt = false;
    const walker = textWalker(root);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const value = node.nodeValue ?? "";
      if (value.length < 6) {
        if (value.includes("@") && node.parentElement && visible(node.parentElement)) splitAt = true;
        continue;
      }
      const digits = countDigits(value, 7);
      const mayHaveEmail = value.includes("@") || hasWordAt(value);
      if (!mayHaveEmail && digits < 7) continue;
      const parent = node.parentElement;
      if (!parent || !visible(parent)) continue;
      // mailto:/tel: links are the links source's; their text repeats the same value.
      if (parent.closest('a[href^="mailto:" i], a[href^="tel:" i]')) continue;
      const emails = mayHaveEmail ? findEmails(value) : [];
      if (value.includes("@") && emails.length === 0) splitAt = true;
      for (const found of emails) {
        const near = personNear(parent, found.raw);
        out.people.push(person("text", { name: near.name, title: near.title, emails: [found.email] }));
      }
      if (digits >= 7) {
        for (const found of findPhones(value, ctx.region)) {
          if (found.fax) continue;
          const near = personNear(parent, found.raw);
          out.people.push(person("text", { name: near.name, title: near.title, phones: [found.phone] }));
        }
      }
    }
    // Addresses split over several elements (`info<span>@</span>acme.com`) only show in the joined text.
    if (!splitAt) return out;
    const known = new Set(out.people.flatMap((p) => p.emails));
    for (const link of ctx.tagged("a")) {
      const href = link.getAttribute("href");
      if (href && /^mailto:/i.test(href)) known.add(href.slice(7).split("?")[0]!.toLowerCase());
    }
    for (const found of findEmails(ctx.visibleText())) {
      if (!known.has(found.email)) {
        known.add(found.email);
        out.people.push(person("text", { emails: [found.email] }));
      }
    }
    return out;
  },
};

const isWordChar = (c: number): boolean =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;

/**
 * Whether a text has the word "at" in any case (`/\bat\b/i`, which also covers `(at)` and `[at]`),
 * in one pass without a regex.
 */
export function hasWordAt(value: string): boolean {
  for (let i = value.indexOf("t", 1); i > 0; i = value.indexOf("t", i + 1)) {
    if (
      (value.charCodeAt(i - 1) | 32) === 97 &&
      !isWordChar(value.charCodeAt(i - 2)) &&
      !isWordChar(value.charCodeAt(i + 1))
    )
      return true;
  }
  for (let i = value.indexOf("T", 1); i > 0; i = value.indexOf("T", i + 1)) {
    if (
      (value.charCodeAt(i - 1) | 32) === 97 &&
      !isWordChar(value.charCodeAt(i - 2)) &&
      !isWordChar(value.charCodeAt(i + 1))
    )
      return true;
  }
  return false;
}

/** How many digits a text has, counting no further than `enough`. */
function countDigits(value: string, enough: number): number {
  let n = 0;
  for (let i = 0; i < value.length && n < enough; i++) {
    const c = value.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}
