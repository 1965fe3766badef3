import { mayNameProfileHost, normalizeEmail, profileOfParsed } from "../normalize.ts";
import type { PageContext } from "./context.ts";
import { descendants, tag, textOf } from "./dom.ts";
import { splitHeadline } from "./headline.ts";
import { looksLikeCjkName, looksLikeCompany, looksLikePersonName, looksLikeTitle } from "./names.ts";
import { precedes } from "./near.ts";
import type { Source } from "./source.ts";
import { isDirectoryTable } from "./table.ts";
import { findEmails } from "./text-patterns.ts";
import { none, person, type PersonCandidate } from "./types.ts";

const MAX_CARD_TEXT = 700;
// What marks a card's name, title and company (tags, class substrings, itemprop), checked in one pass over the card.
const NAME_TAGS = new Set(["h1", "h2", "h3", "h4", "h5", "h6", "strong", "b", "figcaption", "dt"]);
const TITLE_CLASSES = ["title", "role", "position", "job", "designation"];
const COMPANY_CLASSES = ["company", "org", "affiliation"];
// A person's name has at least two words: a card without whitespace between two characters names nobody.
const TWO_WORDS = /[^\s\u200b][\s\u200b]+[^\s\u200b]/;

/** The parts of a card, in document order, found in one walk of its elements. */
interface CardParts {
  names: Element[];
  titles: Element[];
  companies: Element[];
  anchors: Element[];
  photo: Element | null;
}

function cardParts(card: Element): CardParts {
  const parts: CardParts = { names: [], titles: [], companies: [], anchors: [], photo: null };
  for (const el of descendants(card)) {
    const name = tag(el);
    const classes = el.getAttribute("class")?.toLowerCase() ?? "";
    const itemprop = el.getAttribute("itemprop");
    if (NAME_TAGS.has(name) || classes.includes("name") || itemprop === "name") parts.names.push(el);
    if (TITLE_CLASSES.some((c) => classes.includes(c)) || itemprop === "jobTitle") parts.titles.push(el);
    if (COMPANY_CLASSES.some((c) => classes.includes(c)) || itemprop === "worksFor") parts.companies.push(el);
    if (name === "a" && el.hasAttribute("href")) parts.anchors.push(el);
    else if (name === "img" && !parts.photo && el.hasAttribute("src")) parts.photo = el;
  }
  return parts;
}

/**
 * Read one repeated card: its person's name, title, company, emails, phones and profile links; null
 * when it is not one person.
 */
function readCard(card: Element, ctx: PageContext): PersonCandidate | null {
  const content = card.textContent ?? "";
  if (content.length < 3 || content.length > MAX_CARD_TEXT || !TWO_WORDS.test(content)) return null;
  const parts = cardParts(card);
  const names: string[] = [];
  // A name marked as one and written in Chinese characters or Hangul is the person's; a romanised reading beside
  // it ("Makoto Tanaka") is the same person.
  const marked = parts.names.find(
    (el) =>
      (el.getAttribute("class")?.toLowerCase().includes("name") || el.getAttribute("itemprop") === "name") &&
      looksLikeCjkName(textOf(el)),
  );
  if (marked) names.push(textOf(marked)!.replace(/[\s\u3000]+/g, " "));
  else
    for (const el of parts.names) {
      const text = textOf(el)?.replace(/[,:]$/, "") ?? null;
      if (looksLikePersonName(text) && !names.includes(text!)) names.push(text!);
    }
  // Two names in one card: a row of cards or a list, not one person.
  if (names.length > 1) return null;
  const lines = ctx.lines(card);
  if (names.length === 0) {
    const line = lines.slice(0, 3).find((l) => looksLikePersonName(l.replace(/[,:]$/, "")));
    if (!line) return null;
    names.push(line.replace(/[,:]$/, ""));
  }
  const name = names[0]!;
  let title: string | null = null;
  let companyName: string | null = null;
  // A heading classed "title" that reads as no job ("Keynote: The lakehouse is a lie") heads a card about
  // something else (a session, a talk): the person only appears in it, and no line of it is their title.
  let aboutSomethingElse = false;
  for (const el of parts.titles) {
    const text = textOf(el);
    if (HEADING.test(el.tagName) && !looksLikeTitle(text)) {
      aboutSomethingElse = true;
      continue;
    }
    if (text && text !== name && !text.includes(name) && text.length <= 120 && !text.includes("@")) {
      title = text;
      break;
    }
  }
  for (const el of parts.companies) {
    const text = textOf(el);
    if (text && text !== name && text !== title && text.length <= 80) {
      companyName = text;
      break;
    }
  }
  if (!title && !aboutSomethingElse) {
    const at = lines.findIndex((l) => l.includes(name));
    const next = lines[at + 1];
    if (
      next &&
      next.length <= 120 &&
      !next.includes("@") &&
      !/^\+?[\d\s().-]{7,}$/.test(next) &&
      next.split(" ").length <= 14
    )
      title = next;
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
  const profileBase = profileBaseOf(ctx);
  for (const a of parts.anchors) {
    const href = a.getAttribute("href") ?? "";
    if (/^mailto:/i.test(href)) {
      const email = normalizeEmail(href);
      if (email) emails.add(email);
    } else if (/^tel:/i.test(href)) {
      phones.add(ctx.phone(href));
    } else if (profileBase || mayNameProfileHost(href)) {
      // Only a link naming a network's host (or any, on a network's own page) can be a profile: no parse for the rest.
      const profile = profileLink(href, ctx.base);
      if (profile) urls.add(profile);
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
    photo: ctx.resolve(parts.photo?.getAttribute("src")),
  });
}

// Whether a page's base may name a profile host, asked once per extraction (every card's links ask it).
const profileBases = new WeakMap<PageContext, boolean>();

function profileBaseOf(ctx: PageContext): boolean {
  let answer = profileBases.get(ctx);
  if (answer === undefined) {
    answer = mayNameProfileHost(ctx.base);
    profileBases.set(ctx, answer);
  }
  return answer;
}

/** The profile a link points at, resolved against the page's base and parsed once; null when none. */
function profileLink(href: string, base: string): string | null {
  // As ctx.resolve: an empty link is none (it would resolve to the page itself).
  if (!href) return null;
  let url: URL;
  try {
    url = new URL(href.trim(), base);
  } catch {
    return null;
  }
  return profileOfParsed(url);
}

// Siblings built from the same template share tag and classes (minus per-item numbering and state).
const VARYING_CLASS = /\d|active|current|selected|first|last|odd|even/i;

/**
 * A template signature per element (`LI.card.team`) from its tag name (read once by the caller) and class,
 * memoised per tag and class attribute: pages repeat a few of them many times.
 */
function signer(): (el: Element, tagName?: string) => string {
  const byTag = new Map<string, Map<string, string>>();
  return (el, tagName = el.tagName) => {
    const raw = el.getAttribute("class") ?? "";
    let byClass = byTag.get(tagName);
    if (!byClass) {
      byClass = new Map();
      byTag.set(tagName, byClass);
    }
    let key = byClass.get(raw);
    if (key === undefined) {
      key = `${tagName}.${raw
        .split(/\s+/)
        .filter((c) => c && !VARYING_CLASS.test(c))
        .sort()
        .join(".")}`;
      byClass.set(raw, key);
    }
    return key;
  };
}

/**
 * Calls `visit` with every element under `root` whose children repeat a tag three times or more (a group's cards
 * share their tag), with its children and their tag names; in no set order. The arrays are reused for the next
 * element: `visit` must copy what it keeps.
 */
function forEachContainer(
  root: Element,
  preformatted: ReadonlySet<Element>,
  visit: (container: Element, children: Element[], tags: string[]) => void,
): void {
  // The third child of its kind (`:nth-of-type(3)`) names a parent whose children repeat a tag: one native query
  // finds them all, where a walk read every element's children and their tags.
  const thirds = root.querySelectorAll(":nth-of-type(3)");
  const seen = new Set<Element>();
  // Most pages have no preformatted block: no lookup per child then.
  const anyPreformatted = preformatted.size > 0;
  const children: Element[] = [];
  const tags: string[] = [];
  for (let i = 0; i < thirds.length; i++) {
    const parent = thirds[i]!.parentElement;
    if (!parent || parent === root) continue;
    // A child of text alone (no element inside, not preformatted) is one line: at best a bare name, which is no
    // detailed card (see readGroup), and a group needs two detailed cards. Counted before any tag is read.
    let laidOut = 0;
    for (let child = parent.firstElementChild; child && laidOut < 2; child = child.nextElementSibling)
      if (child.firstElementChild !== null || (anyPreformatted && preformatted.has(child))) laidOut++;
    // Only a parent that passes is remembered: most fail (a list of tags, a menu of words), and asking one again
    // (a second tag repeated in it) fails the same way.
    if (laidOut < 2 || seen.has(parent)) continue;
    seen.add(parent);
    if (!mayHoldThreeCards(parent)) continue;
    children.length = 0;
    tags.length = 0;
    // Each child's tag name is read once: a browser builds the string anew at each read.
    for (let child = parent.firstElementChild; child; child = child.nextElementSibling) {
      children.push(child);
      tags.push(child.tagName);
    }
    visit(parent, children, tags);
  }
}

// Lists of a few items are tested as a whole first: most (a card's tags, a row of icons) hold no three names.
const SMALL_LIST = 8;
const TWO_WORDS_EACH = new RegExp(TWO_WORDS.source, "g");

/**
 * Whether a list's text could hold three cards that each name someone: a card's text needs two words (see
 * readCard), and the texts of its cards are apart within the list's, so the list's text must hold three pairs
 * of words that share no letter. Asked of small lists only, where reading the whole text is cheap.
 */
function mayHoldThreeCards(list: Element): boolean {
  if (list.childElementCount > SMALL_LIST) return true;
  const text = list.textContent ?? "";
  TWO_WORDS_EACH.lastIndex = 0;
  for (let found = 0; found < 3; found++) if (!TWO_WORDS_EACH.test(text)) return false;
  return true;
}

/** Sibling elements grouped by template signature; only groups of three or more. */
function templateGroups(
  children: Element[],
  tags: string[],
  signature: (el: Element, tagName?: string) => string,
): Element[][] {
  // Most lists are one template throughout (a list's items, a grid's cards): one group, and no map for it.
  const first = signature(children[0]!, tags[0]);
  let at = 1;
  while (at < children.length && signature(children[at]!, tags[at]) === first) at++;
  if (at === children.length) return children.length >= 3 ? [children.slice()] : [];
  const groups = new Map<string, Element[]>([[first, children.slice(0, at)]]);
  for (let i = at; i < children.length; i++) {
    const child = children[i]!;
    const key = signature(child, tags[i]);
    const list = groups.get(key);
    if (list) list.push(child);
    else groups.set(key, [child]);
  }
  return [...groups.values()].filter((g) => g.length >= 3);
}

// Sections listing organisations, not people: investors, sponsors, partners, customers' logos.
const NOT_PEOPLE_SECTION =
  /\b(sponsors?|sponsoring|partners?|partnerships?|investors?|backers?|backed by|funded by|customers?|clients?|logos?|trusted by|as seen|press|awards?|exhibitors?|members? organi[sz]ations?|portfolio)\b/i;
const HEADING = /^H[1-6]$/;

/**
 * Whether a group of cards sits in a section about organisations: its container's or an enclosing
 * section's class or id, or the heading right before the container, names sponsors, partners, investors
 * or customers. A section of partners' people ("Our partners" at a law firm) reads as people only when
 * its cards carry job titles, which organisations' cards do not.
 */
function inOrganisationsSection(group: Element[]): boolean {
  let el: Element | null = group[0]!.parentElement;
  for (let depth = 0; el && depth < 3; depth++, el = el.parentElement) {
    const tagName = el.tagName.toUpperCase();
    if (tagName === "BODY" || tagName === "MAIN") break;
    const marks = `${el.getAttribute("class") ?? ""} ${el.getAttribute("id") ?? ""}`;
    if (NOT_PEOPLE_SECTION.test(marks.replace(/[-_]/g, " "))) return true;
    for (let prev = el.previousElementSibling, n = 0; prev && n < 2; prev = prev.previousElementSibling, n++) {
      if (HEADING.test(prev.tagName.toUpperCase())) {
        if (NOT_PEOPLE_SECTION.test(prev.textContent ?? "")) return true;
        break;
      }
    }
  }
  return false;
}

/**
 * A card's title as a person's job, in a section about organisations: "Implementation partner" names a
 * kind of organisation there, so the section's own word counts for nothing ("Managing Partner" still does).
 */
function ownTitle(title: string | null): boolean {
  return (
    title !== null &&
    looksLikeTitle(title.replace(/\b(partners?|resellers?|sponsors?|investors?|members?|customers?|clients?)\b/gi, ""))
  );
}

/** The people of a group of cards, or null when the group is not a list of people. */
function readGroup(group: Element[], ctx: PageContext): PersonCandidate[] | null {
  // A directory table's rows are read column by column by the table source.
  const holder = group[0]!.tagName.toUpperCase() === "TR" ? group[0]!.closest("table") : null;
  if (holder && isDirectoryTable(holder)) return null;
  // At least three of the first (up to five) cards must name one person each: long tables and menus fail fast.
  // Past those, a group with more than 40% misses cannot reach the 60% it needs.
  const sample = Math.min(5, group.length);
  const people: PersonCandidate[] = [];
  let misses = 0;
  for (let i = 0; i < group.length; i++) {
    const found = readCard(group[i]!, ctx);
    if (found) people.push(found);
    else if (++misses > group.length * 0.4 || (i < sample && misses > sample - 3)) return null;
  }
  if (people.length < 3 || people.length < group.length * 0.6) return null;
  if (inOrganisationsSection(group) && people.filter((p) => ownTitle(p.title)).length < people.length * 0.6)
    return null;
  // The cards must carry more than a bare name (a title, a contact, a link).
  const detailed = people.filter((p) => p.title || p.emails.length || p.phones.length || p.urls.length).length;
  return detailed < people.length * 0.5 ? null : people;
}

/**
 * Team, about and speaker pages: groups of three or more sibling elements built from one template,
 * each naming one person.
 */
export const teamPage: Source = {
  id: "team-page",
  extract(ctx: PageContext) {
    const out = none();
    const body = ctx.doc.body;
    if (!body) return out;
    const signature = signer();
    const found: Array<{ container: Element; people: PersonCandidate[] }> = [];
    forEachContainer(body, new Set(ctx.tagged("pre")), (container, children, tags) => {
      const people: PersonCandidate[] = [];
      for (const group of templateGroups(children, tags, signature)) {
        const read = readGroup(group, ctx);
        if (read) people.push(...read);
      }
      if (people.length > 0) found.push({ container, people });
    });
    // The people in the document order of their lists (a list before the lists inside it), as a walk meets them.
    found.sort((a, b) => (a.container === b.container ? 0 : precedes(a.container, b.container) ? -1 : 1));
    for (const list of found) out.people.push(...list.people);
    // Pairs only where no grid named anyone: the search for them costs as much as the grids' on a long page.
    if (out.people.length === 0) out.people.push(...pairs(body, ctx, signature));
    return out;
  },
};

/**
 * Two cards from one template, side by side (a startup's two co-founders): a pair says less than a grid, so
 * both must mark their name as one (a class naming it) and state a job title; never in a section about
 * organisations.
 */
function pairs(body: Element, ctx: PageContext, signature: (el: Element) => string): PersonCandidate[] {
  const out: PersonCandidate[] = [];
  const seen = new Set<Element>();
  for (const marked of body.querySelectorAll('[class*="name"]')) {
    const card = marked.parentElement;
    const holder = card?.parentElement;
    // Each holder is asked once: counting a grid's children again for each of its cards made long grids quadratic.
    if (!card || !holder || seen.has(holder)) continue;
    seen.add(holder);
    // A grid's many cards are the groups' (read above): only a holder of a few children can hold a pair.
    if (holder.childElementCount > 4) continue;
    const cards = [...holder.children].filter((c) => signature(c) === signature(card));
    if (cards.length !== 2 || inOrganisationsSection(cards)) continue;
    const people = cards.map((c) => (c.querySelector('[class*="name"]') ? readCard(c, ctx) : null));
    if (people.every((p) => p?.title && looksLikeTitle(p.title))) out.push(...(people as PersonCandidate[]));
  }
  return out;
}
