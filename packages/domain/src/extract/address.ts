import { isHostedPage } from "../hosts.ts";
import { registrableDomain } from "../normalize.ts";
import { postalAddressLine, type PostalAddress } from "../postal-address.ts";
import type { PageContext } from "./context.ts";
import { isHidden, tag, textLines, textWalker } from "./dom.ts";
import { isEventPage } from "./event-page.ts";
import { mayBeCityLine, mayHoldCityLine, parseAddressLines } from "./postal-address.ts";
import type { Source } from "./source.ts";
import { CITY_HINT, DIGIT_OR_CUE } from "./text-flags.ts";
import { company, none } from "./types.ts";

// A label before an address on the same line ("Address: …", "Anschrift: …", "Siège social : …").
const LABEL = new RegExp(
  "^(?:(?:our |mailing |postal |street |office |business |registered |head |visiting )?address|adresse|anschrift|" +
    "postanschrift|hausanschrift|firmensitz|sitz(?: der gesellschaft)?|dirección|direccion|domicilio(?: social)?|" +
    "indirizzo|sede(?: legale| operativa)?|siège(?: social)?|siege social|adres|bezoekadres|postadres|" +
    "head ?office|headquarters|hq|registered office|office|visit us|find us|location)\\s*[:：]\\s*",
  "i",
);
/** Structured items: their addresses belong to the json-ld, microdata and h-card sources and to whom they describe. */
export const STRUCTURED = "[itemscope], .h-card, .vcard, .h-adr, .adr, [typeof]";
const STRUCTURED_ATTRIBUTES = ["itemscope", "typeof"];
const STRUCTURED_CLASSES = ["h-card", "vcard", "h-adr", "adr"];
/** Where a site writes its own address: its footer, an `<address>`, a contact block. */
export const OWN_PLACES =
  'footer, address, [class*="footer" i], [id*="footer" i], [class*="contact" i], [class*="impressum" i]';
/** Headings: an address there is what the page is about (a listing, a venue), not who runs the site. */
export const HEADINGS = "h1, h2";
// Lines that can be a city line or a Japanese address start: a digit or a 〒 somewhere.
const MAY_BE_ADDRESS = /[\d〒]/;
// Text a line shows (the page's lines drop whitespace and zero-width spaces).
const SHOWN = /[^\s\u200b]/;
// How far a window reaches: the street (and a suite) on the lines before the city line, the country on the next.
const BEFORE = 3;
const AFTER = 1;
/**
 * The elements the page's text walk (dom.ts `blockText`) starts a new line at, as it lists them: the lines of
 * one of them are whole lines of the page. An element missing here is only read more widely (never wrongly);
 * `address.test.ts` checks that each one listed does start a line.
 */
export const LINE_BLOCKS: ReadonlySet<string> = new Set(
  (
    "address article aside blockquote br dd div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 " +
    "header hr li main nav ol p pre section table tbody td th thead tr ul body html caption summary details"
  ).split(" "),
);

/**
 * The company's postal address written as text on its own pages: a legal notice (Impressum, mentions
 * légales, aviso legal), a contact page ("Address: …", `<address>`), a footer, a Japanese 所在地. It is
 * the page's company's (the site speaks for itself there); an address inside a person's or another
 * organisation's structured card is left to that card's source, an address in a heading is the page's
 * subject (a listing, a venue), and an event's page gives its venue's. One in the footer, an `<address>`
 * or after a label wins over one elsewhere.
 */
export const postalAddressText: Source = {
  id: "address",
  extract(ctx: PageContext) {
    let parsed: URL;
    try {
      parsed = new URL(ctx.url);
    } catch {
      return none();
    }
    // A profile or listing on someone else's site: whose address it is, the page does not say.
    if (!parsed.protocol.startsWith("http") || isHostedPage(ctx.url)) return none();
    const address = findAddress(ctx);
    // An event's page gives its venue's address, not its organiser's.
    if (!address || isEventPage(ctx)) return none();
    const domain = registrableDomain(parsed.hostname);
    return {
      people: [],
      companies: [
        company("text", {
          domain,
          website: `${parsed.protocol}//${parsed.host}`,
          address: postalAddressLine(address),
          postalAddress: address,
        }),
      ],
    };
  },
};

/** The lines of a page that say whose an address is, whatever part of the page holds them. */
interface Places {
  /** Lines of structured items (schema.org, h-card): their addresses are their sources' and their subjects'. */
  structured: ReadonlySet<string>;
  /** Heading lines: an address there is the page's subject (a listing, a venue). */
  headings: ReadonlySet<string>;
}

/**
 * The site's own address among the page's lines: read around each line that may be a city line, never in a
 * structured item or a heading; one in the footer, an `<address>`, a contact block or after a label
 * ("Address:", "Sitz:", 所在地) before any other, else the first.
 *
 * The page's lines are never all built: most pages hold thousands of numbers and no address. Only the text
 * nodes that may hold a city line's postcode are looked at, and only the lines of the element around each (its
 * nearest block), with as many of the page's lines before and after it as a window reaches — the same lines,
 * in the same order, that the whole page's text would give there.
 */
function findAddress(ctx: PageContext): PostalAddress | null {
  const root = ctx.doc.body ?? ctx.doc.documentElement;
  if (!root) return null;
  const page = new PageLines(root);
  // Computed only once a line may be an address: most pages have none, and the queries are not free.
  let places: Places | null = null;
  const placesOnce = (): Places => (places ??= placesOf(ctx, root));
  let first: PostalAddress | null = null;
  // The last block read: the text nodes inside it are read already.
  let read: Element | null = null;
  // How many blocks in a row were read in one block (rows of a long table, items of a long list).
  let streak = { of: null as Element | null, blocks: 0 };
  // The values read once for all sources: each read of a node's value builds a new string in a browser.
  const nodes = ctx.textNodes();
  const values = ctx.textValues();
  // What a city line's piece holds (see CITY_HINT), read once for the page: the values without it need no test.
  const flags = ctx.textFlags();
  const hint = DIGIT_OR_CUE | CITY_HINT;
  for (let i = 0; i < nodes.length; i++) {
    if ((flags[i]! & hint) !== hint) continue;
    const node = nodes[i]!;
    if (!mayHoldCityLine(values[i]!) || read?.contains(node)) continue;
    let block = page.blockOf(node);
    if (!block) continue;
    // A short block around it (a table row, a small card) is read whole rather than its parts one by one.
    for (let outer = page.outer(block); page.isShort(outer); outer = page.outer(outer)) block = outer;
    // So is a long table or list once many of its rows were read: the rest is read at once.
    const outer = page.outer(block);
    streak = streak.of === outer ? { of: outer, blocks: streak.blocks + 1 } : { of: outer, blocks: 1 };
    if (streak.blocks > STREAK && outer !== root) block = outer;
    let found = readBlock(page, block, placesOnce, ctx.region);
    // Text beside the block joins its first or last line: read the block around it instead.
    while (found === null) {
      block = page.outer(block);
      found = readBlock(page, block, placesOnce, ctx.region);
    }
    read = block;
    for (const { address, own } of found) {
      if (own) return address;
      first ??= address;
    }
  }
  return first;
}

interface Found {
  address: PostalAddress;
  /** In the footer, an `<address>`, a contact block or after a label: the site's own before any other. */
  own: boolean;
}

/**
 * The addresses anchored on a block's lines, in order (reading each window of the page's lines around a line
 * that may be a city line), or null when text beside the block joins its first or last line.
 */
function readBlock(page: PageLines, block: Element, places: () => Places, region: string): Found[] | null {
  const own = page.lines(block);
  const at: number[] = [];
  for (let i = 0; i < own.length; i++) if (mayBeCityLineAt(own[i]!, region)) at.push(i);
  if (at.length === 0) return [];
  const needBefore = Math.max(0, BEFORE - at[0]!);
  const needAfter = Math.max(0, at[at.length - 1]! + AFTER + 1 - own.length);
  const before = page.before(block, needBefore);
  const after = page.after(block, needAfter);
  if (!before || !after) return null;
  const lines = [...before, ...own, ...after];
  const { structured, headings } = places();
  const skip = (line: string) => structured.has(line) || headings.has(line);
  const ownPlace = page.ownLines(block);
  const out: Found[] = [];
  for (const i of at) {
    const k = i + before.length;
    const found = readWindow(lines, k, skip, region);
    if (!found) continue;
    const line = lines[k]!;
    out.push({
      address: found.address,
      own: found.labelled || ownPlace === true || (ownPlace !== false && ownPlace.has(line)),
    });
  }
  return out;
}

/** Whether a line of the page may be an address's city line (or hold a 〒 postcode): the window around it is read. */
function mayBeCityLineAt(line: string, region: string): boolean {
  return MAY_BE_ADDRESS.test(line) && line.length <= 160 && mayBeCityLine(line.replace(LABEL, ""), region);
}

/**
 * The address whose city line (or 〒 postcode) is line `k` of the page's lines, read from the window around it
 * (the street and a suite on the lines before, the country on the next), leaving out the lines `skip` names
 * (structured items', headings'); `labelled` when a label ("Address:", "Sitz:") stands before it. Null when the
 * line is none, or is skipped.
 */
export function addressOnLine(
  lines: readonly string[],
  k: number,
  skip: (line: string) => boolean,
  region: string,
): { address: PostalAddress; labelled: boolean } | null {
  return mayBeCityLineAt(lines[k]!, region) ? readWindow(lines, k, skip, region) : null;
}

/** `addressOnLine` for a line known to be one that may be a city line. */
function readWindow(
  lines: readonly string[],
  k: number,
  skip: (line: string) => boolean,
  region: string,
): { address: PostalAddress; labelled: boolean } | null {
  const line = lines[k]!;
  if (skip(line)) return null;
  const window: string[] = [];
  for (let j = Math.max(0, k - BEFORE); j <= Math.min(lines.length - 1, k + AFTER); j++) {
    const text = lines[j]!;
    if (!skip(text)) window.push(text.replace(LABEL, ""));
  }
  const address = parseAddressLines(window, region);
  // Anchored here: the city line (or 〒 postcode) is on this line, not on one a later window reaches.
  if (!address || !anchoredAt(address, line)) return null;
  return { address, labelled: LABEL.test(line) || (k > 0 && LABEL.test(`${lines[k - 1]!}:`)) };
}

function anchoredAt(address: { postalCode?: string; locality?: string; region?: string }, line: string): boolean {
  return Boolean(
    (address.postalCode && line.includes(address.postalCode.slice(0, 3))) ||
      (address.region && line.includes(address.region)),
  );
}

/** A block read whole rather than in its parts when its text is at most this long (a table row, a small card). */
const SHORT = 400;
/** A block read whole once this many blocks in it were read one by one. */
const STREAK = 8;

/**
 * The page's lines (dom.ts `textLines` of the root) read a block at a time: a block's own lines, and the lines
 * just before and after it read from the blocks beside it, each block's lines built once.
 */
class PageLines {
  private readonly read = new Map<Element, string[]>();
  private readonly short = new Map<Element, boolean>();
  private readonly own = new Map<Element, boolean>();
  private ownMarked: boolean | null = null;

  constructor(readonly root: Element) {}

  /** A block's lines (built once). */
  lines(block: Element): string[] {
    let lines = this.read.get(block);
    if (!lines) {
      lines = textLines(block);
      this.read.set(block, lines);
    }
    return lines;
  }

  /**
   * The element whose lines hold a text node's whole line: its nearest ancestor that starts a line (the
   * outermost `<pre>` around it, whose text the page's walk takes as it is), else the root; null when the node
   * is hidden or outside the root.
   */
  blockOf(node: Node): Element | null {
    let block: Element | null = null;
    for (let el = node.parentElement; el !== this.root; el = el.parentElement) {
      if (!el || isHidden(el)) return null;
      const name = tag(el);
      if (name === "pre") block = el;
      else if (!block && LINE_BLOCKS.has(name)) block = el;
    }
    return block ?? this.root;
  }

  /** The nearest element around a block that starts a line, else the root. */
  outer(block: Element): Element {
    for (let el = block.parentElement; el && el !== this.root; el = el.parentElement)
      if (LINE_BLOCKS.has(tag(el))) return el;
    return this.root;
  }

  /** Whether an element's text is short enough to read whole; stops counting at the limit. */
  isShort(el: Element): boolean {
    if (el === this.root) return false;
    let short = this.short.get(el);
    if (short === undefined) {
      let length = 0;
      const walker = textWalker(el);
      for (let node = walker.nextNode(); node && length <= SHORT; node = walker.nextNode())
        length += (node as Text).length;
      short = length <= SHORT;
      this.short.set(el, short);
    }
    return short;
  }

  /**
   * The page's `count` lines just before a block (fewer at the page's start), from the blocks before it; null
   * when inline text touches it, so that the line before it is not a block's alone.
   */
  before(block: Element, count: number): string[] | null {
    const out: string[] = [];
    if (count === 0) return out;
    for (let at = block; at !== this.root; at = at.parentElement!) {
      for (let node = at.previousSibling; node; node = node.previousSibling) {
        const kind = kindOf(node);
        if (kind === "none") continue;
        if (kind === "inline") return null;
        out.unshift(...this.last(node as Element, count - out.length));
        if (out.length >= count) return out;
      }
    }
    return out;
  }

  /** The page's `count` lines just after a block (fewer at the page's end); null when inline text touches it. */
  after(block: Element, count: number): string[] | null {
    const out: string[] = [];
    if (count === 0) return out;
    for (let at = block; at !== this.root; at = at.parentElement!) {
      for (let node = at.nextSibling; node; node = node.nextSibling) {
        const kind = kindOf(node);
        if (kind === "none") continue;
        if (kind === "inline") return null;
        out.push(...this.first(node as Element, count - out.length));
        if (out.length >= count) return out;
      }
    }
    return out;
  }

  /** A block's last `count` lines, read from its last blocks when it is made of blocks (a long list, a section). */
  private last(block: Element, count: number): string[] {
    if (count <= 0) return [];
    if (!this.read.has(block) && tag(block) !== "pre" && block.firstElementChild) {
      const out: string[] = [];
      let whole = true;
      for (let node = block.lastChild; node && out.length < count; node = node.previousSibling) {
        const kind = kindOf(node);
        if (kind === "none") continue;
        if (kind === "inline") {
          whole = false;
          break;
        }
        out.unshift(...this.last(node as Element, count - out.length));
      }
      if (whole) return out.slice(-count);
    }
    return this.lines(block).slice(-count);
  }

  /** A block's first `count` lines, read from its first blocks when it is made of blocks. */
  private first(block: Element, count: number): string[] {
    if (count <= 0) return [];
    if (!this.read.has(block) && tag(block) !== "pre" && block.firstElementChild) {
      const out: string[] = [];
      let whole = true;
      for (let node = block.firstChild; node && out.length < count; node = node.nextSibling) {
        const kind = kindOf(node);
        if (kind === "none") continue;
        if (kind === "inline") {
          whole = false;
          break;
        }
        out.push(...this.first(node as Element, count - out.length));
      }
      if (whole) return out.slice(0, count);
    }
    return this.lines(block).slice(0, count);
  }

  /**
   * Which of a block's lines are in a place where a site writes its own address: all (the block is inside one),
   * none, or those of the places inside it. As when every such place of the page is listed: the outermost ones
   * inside the body, none when the body itself is marked as one.
   */
  ownLines(block: Element): boolean | ReadonlySet<string> {
    this.ownMarked ??= this.root.closest(OWN_PLACES) !== null;
    if (this.ownMarked) return false;
    if (this.inOwnPlace(block)) return true;
    const lines = new Set<string>();
    for (const el of block.querySelectorAll(OWN_PLACES)) {
      if (el.parentElement?.closest(OWN_PLACES)) continue;
      for (const line of textLines(el)) lines.add(line);
    }
    return lines;
  }

  /** Whether an element inside the root is, or is inside, a place where a site writes its own address. */
  private inOwnPlace(el: Element): boolean {
    if (el === this.root) return false;
    let inside = this.own.get(el);
    if (inside === undefined) {
      inside = el.matches(OWN_PLACES) || (el.parentElement !== null && this.inOwnPlace(el.parentElement));
      this.own.set(el, inside);
    }
    return inside;
  }
}

/**
 * What a node beside a block adds to the page's lines: nothing, lines of its own (a block, or an inline element
 * holding only blocks, such as a link around a card), or text that joins a line.
 */
function kindOf(node: Node): "none" | "block" | "inline" {
  if (node.nodeType === 3) return SHOWN.test(node.nodeValue ?? "") ? "inline" : "none";
  if (node.nodeType !== 1) return "none";
  const el = node as Element;
  if (isHidden(el)) return "none";
  if (LINE_BLOCKS.has(tag(el))) return "block";
  let kind: "none" | "block" = "none";
  for (let child = el.firstChild; child; child = child.nextSibling) {
    const inner = kindOf(child);
    if (inner === "inline") return "inline";
    if (inner === "block") kind = "block";
  }
  return kind;
}

/** The lines of the page's structured items and of its headings (one query each, most of them shared). */
function placesOf(ctx: PageContext, root: Element): Places {
  const structured = new Set<string>();
  // Marked on the body itself (a whole page typed WebPage), no item inside is one apart.
  if (!root.closest(STRUCTURED)) {
    const items = new Set<Element>();
    for (const name of STRUCTURED_ATTRIBUTES) for (const el of ctx.withAttribute(name)) items.add(el);
    for (const name of STRUCTURED_CLASSES) for (const el of root.getElementsByClassName(name)) items.add(el);
    for (const el of items) {
      if (el === root || !root.contains(el) || el.parentElement?.closest(STRUCTURED)) continue;
      for (const line of textLines(el)) structured.add(line);
    }
  }
  const headings = new Set<string>();
  for (const name of ["h1", "h2"]) {
    for (const el of ctx.tagged(name)) {
      if (el.parentElement?.closest(HEADINGS)) continue;
      for (const line of textLines(el)) headings.add(line);
    }
  }
  return { structured, headings };
}
