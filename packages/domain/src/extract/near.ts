import { collapseRuns, countMailtos, hasBlockChild, runText, textLines, textOf } from "./dom.ts";
import { looksLikePersonName, looksLikeTitle } from "./names.ts";

/** The person a contact element (a mailto/tel link, an email in text) belongs to, read from the nearby structure. */
export interface NearbyPerson {
  name: string | null;
  title: string | null;
}

const NAME_ELEMENTS = 'h1, h2, h3, h4, h5, h6, strong, b, dt, figcaption, [class*="name" i], [itemprop="name"]';
const VERBS = /^(e-?mail|mail|contact|call|phone|write to|message|send (an )?e-?mail to|reach)\s+/i;

function stripVerb(text: string | null): string | null {
  return text
    ? text
        .replace(VERBS, "")
        .replace(/\s+(by|via)\s+e-?mail$/i, "")
        .trim()
    : null;
}

/** What personNear reads of the blocks around a contact: the page context remembers both for one extraction. */
export interface NearReads {
  lines(el: Element): readonly string[];
  mailtos(el: Element): number;
}

const READ_DIRECTLY: NearReads = { lines: textLines, mailtos: countMailtos };

/**
 * Find the name (and title) of the person an element belongs to: its own text, its label, then up
 * to four enclosing blocks that hold no other contact.
 */
export function personNear(el: Element, ownValue: string, reads: NearReads = READ_DIRECTLY): NearbyPerson {
  const lines = reads.lines;
  const own = stripVerb(textOf(el));
  if (looksLikePersonName(own)) return { name: own, title: null };
  for (const attr of ["title", "aria-label", "data-name"]) {
    const label = stripVerb(el.getAttribute(attr));
    if (looksLikePersonName(label)) return { name: label, title: null };
  }
  // "Jane Doe <jane@acme.com>" and "Jane Doe: jane@acme.com" in the same text run.
  // Only an inline run: the cells of a row or a card's paragraphs glue together in textContent ("HartungLeiter").
  // Of a run laid out as fields ("<strong>Name</strong><span>Title</span><a>…"), the contact's own line only.
  const run = el.parentElement && !hasBlockChild(el.parentElement) ? runText(el.parentElement) : "";
  const ownLine = run.split("\n").find((l) => l.includes(ownValue)) ?? "";
  const parentText = collapseRuns(ownLine).trim() || null;
  if (parentText && parentText.length < 200) {
    const index = parentText.indexOf(ownValue);
    if (index > 0) {
      const before = parentText
        .slice(0, index)
        .replace(/[<(:,\-–|]\s*$/, "")
        .trim();
      const tail =
        before
          .split(/[|,•·]\s*/)
          .pop()
          ?.trim() ?? "";
      if (looksLikePersonName(tail)) return { name: tail, title: null };
    }
  }
  // From the element itself: a paragraph holding "<strong>Jane Doe</strong><br>Tel: …" is her card.
  let node: Element | null = el;
  for (let depth = 0; node && depth < 4; depth++, node = node.parentElement) {
    const tagName = node.tagName.toLowerCase();
    if (tagName === "body" || tagName === "html" || tagName === "main") break;
    // An element without element children holds no links, names or addresses: no queries for it.
    const leaf = node.firstElementChild === null;
    // A block holding several people's contacts is a list, not one person's card.
    if (!leaf && reads.mailtos(node) > 1) break;
    const content = node.textContent ?? "";
    if (content.length > 800) break;
    // Several addresses written out: a list or a table of people, not one person's card.
    if (content.indexOf("@") !== content.lastIndexOf("@")) break;
    // Names come before their contact details; a name further down belongs to someone else.
    // A block naming several people is a list or a page, not this contact's card.
    const names = new Set<string>();
    let before: string | null = null;
    for (const candidate of leaf ? [] : node.querySelectorAll(NAME_ELEMENTS)) {
      const text = textOf(candidate);
      // The first line of a postal address names a building or a business ("Kingsley Mill"), not a person.
      if (!looksLikePersonName(text) || candidate.closest("address")) continue;
      names.add(text!);
      if (before === null && precedes(candidate, el)) before = text;
    }
    if (names.size > 1) break;
    if (before) return { name: before, title: titleAfter(lines(node), before) };
    if (tagName === "address" || node.closest("address")) continue;
    const nodeLines = lines(node);
    const at = nodeLines.findIndex((l) => l.includes(ownValue));
    const postal = new Set(leaf ? [] : [...node.querySelectorAll("address")].flatMap((a) => lines(a)));
    for (const line of at >= 0 ? nodeLines.slice(0, at) : nodeLines) {
      const clean = line.replace(/[,:]$/, "");
      if (postal.has(line)) continue;
      if (looksLikePersonName(clean)) return { name: clean, title: titleAfter(nodeLines, clean) };
    }
  }
  return { name: null, title: null };
}

/**
 * Whether `a` comes before `b` in document order (or holds it). Walked by hand: linkedom, which the CLI and
 * the eval parse with, answers compareDocumentPosition wrongly across nesting levels.
 */
export function precedes(a: Element, b: Element): boolean {
  if (a.contains(b)) return true;
  const chain = new Set<Node>();
  for (let n: Node | null = a; n; n = n.parentNode) chain.add(n);
  let bChild: Node = b;
  while (bChild.parentNode && !chain.has(bChild.parentNode)) bChild = bChild.parentNode;
  const common = bChild.parentNode;
  if (!common) return false;
  let aChild: Node = a;
  while (aChild.parentNode !== common) aChild = aChild.parentNode!;
  for (let n = aChild.nextSibling; n; n = n.nextSibling) if (n === bChild) return true;
  return false;
}

/** The job-title line right after a name among a block's lines, if any. */
function titleAfter(lines: readonly string[], name: string): string | null {
  const at = lines.findIndex((l) => l.includes(name));
  for (const line of lines.slice(at + 1, at + 3)) {
    if (looksLikeTitle(line) && !line.includes("@")) return line;
  }
  return null;
}
