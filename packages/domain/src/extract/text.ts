import { findNumbers, type CountryCode } from "libphonenumber-js/min";
import type { PageContext } from "./context.ts";
import { isHidden } from "./dom.ts";
import { personNear } from "./near.ts";
import { mayHoldPhone } from "./phone-digits.ts";
import type { Source } from "./source.ts";
import { AT_SIGN, NOT_BLANK, SEVEN_DIGITS, WORD_AT } from "./text-flags.ts";
import { findEmails } from "./text-patterns.ts";
import { none, person, type Candidates } from "./types.ts";

// Words right before a number that say it is a phone number: Tel./Phone/Mobil/TEL/☎ and their kin, and the
// invitations to call ("ring på", "bel ons op", "appelez-nous au", "llámenos al").
const PHONE_CUE = new RegExp(
  // CJK labels are written without spaces, glued to the word before them ("대표전화", "服务热线"): no boundary there.
  String.raw`(?:(?:^|[^\p{L}])(?:tel|tél|tele?fon|telefono|teléfono|téléphone|telephone|phone|fon|tlf|call(?: us| reception| our office| the office| our team)?(?: at| on)?|` +
    String.raw`ring(?: us| oss| os)?(?: on| på)?|bel(?: ons)?(?: op)?|appelez(?:-nous)?(?: au)?|llám(?:enos|anos)(?: al)?|` +
    String.raw`chiamaci(?: al)?|rufen sie (?:uns )?an(?: unter)?|mobile|mobil|handy|mob|cell|cellular|fax|telefax|ph|t|m|p|direct|office|whatsapp|` +
    String.raw`hotline|helpline|line|dial)|電話|電話番号|电话|手机|热线|전화|휴대폰|핸드폰|연락처|携帯|ファックス|ファクス|传真|팩스|☎|📞)\s*(?:no\.?|nr\.?|number|n°|#|番号|号码|번호)?\s*[.:：]?\s*(?:\([^)]{0,12}\))?\s*[.:：]?\s*$`,
  "iu",
);
// Labels of numbers that are not phones: tax and VAT ids, register and licence numbers, listing, order and
// ticket ids. A country prefix glued before the digits ("DE 281…", "GB 312…") is a VAT id's.
const NOT_PHONE_LABEL = new RegExp(
  String.raw`(?:\b(?:vat|ust|ust-?id\w*|uid|tva|iva|nif|cif|btw|mwst|tax|steuer\w*|siret|siren|rcs|ape|naf|hrb|hra|` +
    String.raw`reg|regist\w*|company|companies|firmenbuch|kvk|cvr|abn|acn|crn|ein|frn|licen[cs]e\w*|lic|dre|mls|listing|` +
    String.raw`apn|id|ref|reference|order|invoice|ticket|incident|policy|case|account|iban|bic|isbn|issn|doi|patent|` +
    String.raw`model|sku|item|article|asset|photo|image|release|build)\b)\W{0,4}$|\b(?:no|nr|n°|#)\.?\s*:?\s*$`,
  "iu",
);
const COUNTRY_PREFIX = /\b[A-Z]{2}\s?$/;

/** How sure a text must be that a number is a phone: a label before it, or a phone-like format will do. */
export interface PhoneFindOptions {
  /**
   * `label`: only a number labelled as a phone (running text); `format` (the default, for a contact
   * block or a signature): also a number written like one (`+`, spaces, dots, dashes, brackets).
   */
  cue?: "label" | "format";
  /** The text right before `text` (earlier elements), where its label may be. */
  before?: string;
}

/** Phone numbers in a text with libphonenumber's finder, kept when labelled (or formatted, see options); E.164. */
export function findPhones(
  text: string,
  region: string,
  options: PhoneFindOptions = {},
): Array<{ phone: string; raw: string; index: number; fax: boolean }> {
  const out: Array<{ phone: string; raw: string; index: number; fax: boolean }> = [];
  // Most texts with digits hold no run long enough for any valid number (an address, dates, prices): the finder,
  // which costs far more than this count, would find nothing there.
  if (!mayHoldPhone(text, region)) return out;
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
      /^\d{1,2}[./]\d{1,2}[./]\d{2,4}$/.test(raw) ||
      /[\d/-]/.test(text[match.startsAt - 1] ?? "") ||
      /[\d/]|-\d|[.:]\d/.test(text.slice(match.endsAt, match.endsAt + 2))
    )
      continue;
    const own = text.slice(Math.max(0, match.startsAt - 32), match.startsAt);
    const before = own.trim() === "" && options.before ? `${options.before} ${own}` : own;
    const line = before.split("\n").pop() ?? "";
    const labelled = PHONE_CUE.test(line);
    if (!labelled && (NOT_PHONE_LABEL.test(line) || COUNTRY_PREFIX.test(line))) continue;
    const formatted = /^\+|[\s().-]/.test(raw);
    if (!labelled && (options.cue === "label" || !formatted)) continue;
    if (!match.number.isValid()) continue;
    const after = text.slice(match.endsAt, match.endsAt + 12);
    // The label right before the number, after the previous value's separator.
    const label = line.split(/[,;|·•]/).pop() ?? "";
    const fax =
      /fax|facsimile|ファックス|ファクス|传真|傳真|팩스|\bf\s*[.:]\s*$/i.test(label) ||
      /^\s*[([]?\s*(fax|f)\b/i.test(after);
    // An extension written after the number ("ext. 231", "x231") stays with it, as records write one.
    const phone = match.number.ext ? `${match.number.number} ext. ${match.number.ext}` : match.number.number;
    out.push({ phone, raw, index: match.startsAt, fax });
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
    // The end of the text before this node: where a number's label ("Phone", "VAT No.") may sit in an earlier element.
    // Kept as the two previous values and joined only for a number that needs its label.
    let previous = "";
    let earlier = "";
    const nodes = ctx.textNodes();
    const values = ctx.textValues();
    // Whether each value is blank, has an "@", the word "at" or seven digits: read once for the sources.
    const flags = ctx.textFlags();
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i]!;
      const value = values[i]!;
      const flag = flags[i]!;
      const before1 = previous;
      const before2 = earlier;
      earlier = previous;
      previous = value;
      if (value.length < 6) {
        if (flag & AT_SIGN && node.parentElement && visible(node.parentElement)) splitAt = true;
        continue;
      }
      // Whitespace between tags (most of a page's text nodes) holds nothing.
      if (!(flag & NOT_BLANK)) continue;
      const sevenDigits = (flag & SEVEN_DIGITS) !== 0;
      const mayHaveEmail = (flag & (AT_SIGN | WORD_AT)) !== 0;
      if (!mayHaveEmail && !sevenDigits) continue;
      const parent = node.parentElement;
      if (!parent || !visible(parent)) continue;
      // mailto:/tel: links are the links source's; their text repeats the same value.
      if (parent.closest('a[href^="mailto:" i], a[href^="tel:" i]')) continue;
      const emails = mayHaveEmail ? findEmails(value) : [];
      if (flag & AT_SIGN && emails.length === 0) splitAt = true;
      for (const found of emails) {
        const near = personNear(parent, found.raw, ctx);
        out.people.push(person("text", { name: near.name, title: near.title, emails: [found.email] }));
      }
      if (sevenDigits) {
        // In running text a number needs a label; alone on its line in a contact block, its format will do.
        const cue = isContactLine(value, parent) ? "format" : "label";
        const before = (before2.slice(-40) + before1.slice(-40)).slice(-40);
        for (const found of findPhones(value, ctx.region, { cue, before })) {
          if (found.fax) continue;
          const near = personNear(parent, found.raw, ctx);
          out.people.push(person("text", { name: near.name, title: near.title, phones: [found.phone] }));
        }
      }
    }
    // Addresses split over several elements (`info<span>@</span>acme.com`) only show in the joined text.
    if (!splitAt) return out;
    const known = new Set(out.people.flatMap((p) => p.emails));
    for (const { href } of ctx.anchors()) {
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

// A number alone on its line ("020 7946 0123"), with at most a short label.
const LONE_NUMBER = /^\s*(?:[\p{L}.]{1,12}\s*[.:]?\s*)?[+(]?\d[\d\s().\-/]{5,}\d\s*$/u;

/**
 * Whether a text node is a number alone on its line inside a contact block: an `<address>`, a block
 * marked as contact, or a small block holding an email address.
 */
function isContactLine(value: string, parent: Element): boolean {
  if (!LONE_NUMBER.test(value)) return false;
  if (parent.closest('address, [class*="contact" i], [id*="contact" i], [itemtype*="PostalAddress"]')) return true;
  let block: Element | null = parent;
  for (let depth = 0; block && depth < 3; depth++, block = block.parentElement) {
    const tag = block.tagName.toLowerCase();
    if (tag === "body" || tag === "main" || tag === "html") break;
    const content = block.textContent ?? "";
    if (content.length > 600) break;
    if (content.includes("@") || block.querySelector('a[href^="mailto:" i]')) return true;
  }
  return false;
}

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
