import { canonicalProfileUrl, isProfileUrl, normalizeEmail } from "../normalize.ts";
import type { PageContext } from "./context.ts";
import { textLines, textOf } from "./dom.ts";
import { splitHeadline } from "./headline.ts";
import { looksLikeCompany, looksLikePersonName, looksLikeTitle } from "./names.ts";
import type { Source } from "./source.ts";
import { findEmails } from "./text-patterns.ts";
import { none, person, type PersonCandidate } from "./types.ts";

const NAME_SELECTOR = 'h1, h2, h3, h4, h5, h6, strong, b, figcaption, dt, [class*="name" i], [itemprop="name"]';
const TITLE_SELECTOR = '[class*="title" i], [class*="role" i], [class*="position" i], [class*="job" i], [class*="designation" i], [itemprop="jobTitle"]';
const COMPANY_SELECTOR = '[class*="company" i], [class*="org" i], [class*="affiliation" i], [itemprop="worksFor"]';
const MAX_CARD_TEXT = 700;

// Siblings built from the same template share tag and classes (minus per-item numbering and state).
function signature(el: Element): string {
  const classes = (el.getAttribute("class") ?? "")
    .split(/\s+/)
    .filter((c) => c && !/\d|active|current|selected|first|last|odd|even/i.test(c))
    .sort()
    .join(".");
  return `${el.tagName}.${classes}`;
}

/** Read one repeated card: its person's name, title, company, emails, phones and profile links; null when it is not one person. */
export function readCard(card: Element, ctx: PageContext): PersonCandidate | null {
  const length = (card.textContent ?? "").length;
  if (length < 3 || length > MAX_CARD_TEXT) return null;
  const names: string[] = [];
  for (const el of card.querySelectorAll(NAME_SELECTOR)) {
    const text = textOf(el)?.replace(/[,:]$/, "") ?? null;
    if (looksLikePersonName(text) && !names.includes(text!)) names.push(text!);
  }
  const lines = textLines(card);
  if (names.length === 0) {
    const line = lines.slice(0, 3).find((l) => looksLikePersonName(l.replace(/[,:]$/, "")));
    if (line) names.push(line.replace(/[,:]$/, ""));
  }
  // Two names in one card: a row of cards or a list, not one person.
  if (names.length !== 1) return null;
  const name = names[0]!;
  let title: string | null = null;
  let companyName: string | null = null;
  for (const el of card.querySelectorAll(TITLE_SELECTOR)) {
    const text = textOf(el);
    if (text && text !== name && !text.includes(name) && text.length <= 120 && !text.includes("@")) {
      title = text;
      break;
    }
  }
  for (const el of card.querySelectorAll(COMPANY_SELECTOR)) {
    const text = textOf(el);
    if (text && text !== name && text !== title && text.length <= 80) {
      companyName = text;
      break;
    }
  }
  if (!title) {
    const at = lines.findIndex((l) => l.includes(name));
    const next = lines[at + 1];
    if (next && next.length <= 120 && !next.includes("@") && !/^\+?[\d\s().-]{7,}$/.test(next) && next.split(" ").length <= 14) title = next;
  }
  if (title) {
    const split = splitHeadline(title);
    if (split.company && !companyName) {
      companyName = split.company;
      title = split.title;
    } else if (!looksLikeTitle(title) && looksLikeCompany(title) && !companyName) {
      companyName = title;
      title = null;
    }
  }
  const emails = new Set<string>();
  const phones = new Set<string>();
  const urls = new Set<string>();
  for (const a of card.querySelectorAll("a[href]")) {
    const href = a.getAttribute("href") ?? "";
    if (/^mailto:/i.test(href)) {
      const email = normalizeEmail(href);
      if (email) emails.add(email);
    } else if (/^tel:/i.test(href)) {
      phones.add(ctx.phone(href));
    } else {
      const absolute = ctx.resolve(href);
      if (absolute && isProfileUrl(absolute)) urls.add(canonicalProfileUrl(absolute)!);
    }
  }
  for (const found of findEmails(lines.join("\n"))) emails.add(found.email);
  return person("layout", {
    name,
    title,
    companyName,
    emails: [...emails],
    phones: [...phones],
    urls: [...urls],
    photo: ctx.resolve(card.querySelector("img[src]")?.getAttribute("src")),
  });
}

/** Team, about and speaker pages: groups of three or more sibling elements built from one template, each naming one person. */
export const teamPage: Source = {
  id: "team-page",
  extract(ctx: PageContext) {
    const out = none();
    const body = ctx.doc.body;
    if (!body) return out;
    for (const container of body.querySelectorAll("*")) {
      if (container.children.length < 3) continue;
      const groups = new Map<string, Element[]>();
      for (const child of container.children) {
        const key = signature(child);
        const list = groups.get(key);
        if (list) list.push(child);
        else groups.set(key, [child]);
      }
      for (const group of groups.values()) {
        if (group.length < 3) continue;
        // Sample the first cards before reading them all: long tables and menus fail fast.
        const sample = group.slice(0, 5).map((card) => readCard(card, ctx));
        if (sample.filter(Boolean).length < Math.min(3, sample.length) * 0.8) continue;
        const people: PersonCandidate[] = sample.filter((p): p is PersonCandidate => p !== null);
        let misses = sample.length - people.length;
        for (const card of group.slice(5)) {
          const found = readCard(card, ctx);
          if (found) people.push(found);
          else if (++misses > group.length * 0.4) break;
        }
        // Most cards must name one person each, and the cards must carry more than a bare name (a title, a contact, a link).
        if (people.length < 3 || people.length < group.length * 0.6) continue;
        const detailed = people.filter((p) => p.title || p.emails.length || p.phones.length || p.urls.length).length;
        if (detailed < people.length * 0.5) continue;
        out.people.push(...people);
      }
    }
    return out;
  },
};
