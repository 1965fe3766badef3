import { isHostedPage } from "../hosts.ts";
import { registrableDomain } from "../normalize.ts";
import { postalAddressLine, type PostalAddress } from "../postal-address.ts";
import type { PageContext } from "./context.ts";
import { isHidden, tag, textLines } from "./dom.ts";
import { isEventPage } from "./event-page.ts";
import { mayBeCityLine, mayHoldCityLine, parseAddressLines } from "./postal-address.ts";
import type { Source } from "./source.ts";
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
  // Computed only once a line may be an address: most pages have none, and the queries are not free.
  let places: Places | null = null;
  const placesOnce = (): Places => (places ??= placesOf(ctx, root));
  let first: PostalAddress | null = null;
  // The last block read: the text nodes inside it are read already.
  let read: Element | null = null;
  for (const node of ctx.textNodes()) {
    if (!mayHoldCityLine(node.data) || read?.contains(node)) continue;
    let block = lineBlock(node, root);
    if (!block) continue;
    let found = readBlock(block, root, placesOnce, ctx.region);
    // Text beside the block joins its first or last line: read the element around it instead.
    while (found === null) {
      block = outerBlock(block, root);
      found = readBlock(block, root, placesOnce, ctx.region);
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
 * that may be a city line), or null when the page's lines beside the block cannot be read apart from it.
 */
function readBlock(block: Element, root: Element, places: () => Places, region: string): Found[] | null {
  const own = textLines(block);
  const at: number[] = [];
  for (let i = 0; i < own.length; i++) if (mayBeCityLineAt(own[i]!, region)) at.push(i);
  if (at.length === 0) return [];
  const before = linesBefore(block, root, Math.max(0, BEFORE - at[0]!));
  const after = linesAfter(block, root, Math.max(0, at[at.length - 1]! + AFTER + 1 - own.length));
  if (!before || !after) return null;
  const lines = [...before, ...own, ...after];
  const { structured, headings } = places();
  const skip = (line: string) => structured.has(line) || headings.has(line);
  const ownPlace = ownLinesOf(block, root);
  const out: Found[] = [];
  for (const i of at) {
    const k = i + before.length;
    const found = addressOnLine(lines, k, skip, region);
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
  const line = lines[k]!;
  if (!mayBeCityLineAt(line, region) || skip(line)) return null;
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

/**
 * The element whose lines hold a text node's whole line: its nearest ancestor that starts a line (the
 * outermost `<pre>` around it, whose text the page's walk takes as it is), else the root; null when the node
 * is hidden or outside the root.
 */
function lineBlock(node: Node, root: Element): Element | null {
  let block: Element | null = null;
  for (let el = node.parentElement; el !== root; el = el.parentElement) {
    if (!el || isHidden(el)) return null;
    const name = tag(el);
    if (name === "pre") block = el;
    else if (!block && LINE_BLOCKS.has(name)) block = el;
  }
  return block ?? root;
}

/** The nearest element around a block that starts a line, else the root. */
function outerBlock(block: Element, root: Element): Element {
  for (let el = block.parentElement; el && el !== root; el = el.parentElement) if (LINE_BLOCKS.has(tag(el))) return el;
  return root;
}

/** What a node beside a block adds to the page's lines: nothing, lines of its own, or text that joins a line. */
function kindOf(node: Node): "none" | "block" | "inline" {
  if (node.nodeType === 3) return SHOWN.test(node.nodeValue ?? "") ? "inline" : "none";
  if (node.nodeType !== 1) return "none";
  const el = node as Element;
  if (isHidden(el)) return "none";
  if (LINE_BLOCKS.has(tag(el))) return "block";
  // An inline element with text (even text hidden inside it, to be safe) joins the line beside it.
  return SHOWN.test(el.textContent ?? "") ? "inline" : "none";
}

/**
 * The page's `count` lines just before a block (fewer at the page's start), from the blocks before it; null
 * when inline text touches it, so that the line before it is not a block's alone.
 */
function linesBefore(block: Element, root: Element, count: number): string[] | null {
  const out: string[] = [];
  if (count === 0) return out;
  for (let at = block; at !== root; at = at.parentElement!) {
    for (let node = at.previousSibling; node; node = node.previousSibling) {
      const kind = kindOf(node);
      if (kind === "none") continue;
      if (kind === "inline") return null;
      out.unshift(...lastLines(node as Element, count - out.length));
      if (out.length >= count) return out;
    }
  }
  return out;
}

/** The page's `count` lines just after a block (fewer at the page's end); null when inline text touches it. */
function linesAfter(block: Element, root: Element, count: number): string[] | null {
  const out: string[] = [];
  if (count === 0) return out;
  for (let at = block; at !== root; at = at.parentElement!) {
    for (let node = at.nextSibling; node; node = node.nextSibling) {
      const kind = kindOf(node);
      if (kind === "none") continue;
      if (kind === "inline") return null;
      out.push(...firstLines(node as Element, count - out.length));
      if (out.length >= count) return out;
    }
  }
  return out;
}

/** A block's last `count` lines, read from its last blocks when it is made of blocks (a long list, a section). */
function lastLines(block: Element, count: number): string[] {
  if (count <= 0) return [];
  if (tag(block) !== "pre" && block.firstElementChild) {
    const out: string[] = [];
    let whole = true;
    for (let node = block.lastChild; node && out.length < count; node = node.previousSibling) {
      const kind = kindOf(node);
      if (kind === "none") continue;
      if (kind === "inline") {
        whole = false;
        break;
      }
      out.unshift(...lastLines(node as Element, count - out.length));
    }
    if (whole) return out.slice(-count);
  }
  return textLines(block).slice(-count);
}

/** A block's first `count` lines, read from its first blocks when it is made of blocks. */
function firstLines(block: Element, count: number): string[] {
  if (count <= 0) return [];
  if (tag(block) !== "pre" && block.firstElementChild) {
    const out: string[] = [];
    let whole = true;
    for (let node = block.firstChild; node && out.length < count; node = node.nextSibling) {
      const kind = kindOf(node);
      if (kind === "none") continue;
      if (kind === "inline") {
        whole = false;
        break;
      }
      out.push(...firstLines(node as Element, count - out.length));
    }
    if (whole) return out.slice(0, count);
  }
  return textLines(block).slice(0, count);
}

/**
 * Which of a block's lines are in a place where a site writes its own address: all (the block is inside one),
 * none, or those of the places inside it. As when every such place of the page is listed: the outermost ones
 * inside the body, none when the body itself is marked as one.
 */
function ownLinesOf(block: Element, root: Element): boolean | ReadonlySet<string> {
  if (root.closest(OWN_PLACES)) return false;
  if (block !== root && block.closest(OWN_PLACES)) return true;
  const lines = new Set<string>();
  for (const el of block.querySelectorAll(OWN_PLACES)) {
    if (el.parentElement?.closest(OWN_PLACES)) continue;
    for (const line of textLines(el)) lines.add(line);
  }
  return lines;
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
