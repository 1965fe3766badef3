// DOM helpers that work the same in browsers and in linkedom: structure and textContent only, no layout.

const SKIPPED = new Set([
  "script",
  "style",
  "noscript",
  "template",
  "svg",
  "head",
  "iframe",
  "object",
  "canvas",
  "select",
  "button",
]);

/** Elements that start a new line of visible text. */
const BLOCKS = new Set([
  "address",
  "article",
  "aside",
  "blockquote",
  "br",
  "dd",
  "div",
  "dl",
  "dt",
  "fieldset",
  "figcaption",
  "figure",
  "footer",
  "form",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "hr",
  "li",
  "main",
  "nav",
  "ol",
  "p",
  "pre",
  "section",
  "table",
  "tbody",
  "td",
  "th",
  "thead",
  "tr",
  "ul",
  "body",
  "html",
  "caption",
  "summary",
  "details",
]);

/** Lower-case tag name of an element. */
export function tag(el: Element): string {
  return el.localName ?? el.tagName.toLowerCase();
}

/** Whether an element's content is never shown (script, style, `hidden`, inline display:none). */
export function isHidden(el: Element): boolean {
  return hiddenAs(el, tag(el));
}

const HIDDEN_STYLE = /display\s*:\s*none|visibility\s*:\s*hidden/i;
const COLLAPSIBLE = /[ \t\r\n\f]+/g;

/** HTML's whitespace collapsed to single spaces; a text of whitespace alone (most between tags) without a regex. */
function collapseSpace(value: string): string {
  let i = 0;
  while (i < value.length) {
    const c = value.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 9 && c !== 13 && c !== 12) break;
    i++;
  }
  if (i === value.length) return value.length > 0 ? " " : "";
  return value.replace(COLLAPSIBLE, " ");
}

/** Whether a character is one that `\s` matches. */
export function isSpaceCode(c: number): boolean {
  return (
    (c >= 9 && c <= 13) ||
    c === 32 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Whether an element of this (lower-case) tag name is never shown, as isHidden reads it. */
function hiddenAs(el: Element, name: string): boolean {
  if (SKIPPED.has(name)) return true;
  // Most elements carry no attributes at all: skip the lookups for them (hasAttributes, unlike
  // `attributes.length`, builds no attribute map).
  if (!el.hasAttributes()) return false;
  if (el.hasAttribute("hidden")) return true;
  const style = el.getAttribute("style");
  return style !== null && HIDDEN_STYLE.test(style);
}

/**
 * Visible text of a subtree with a line break at each block boundary (never doubled) and at each
 * `<br>`; one iterative walk.
 */
export function blockText(root: Node): string {
  // Pieces in an array, with the last two characters kept aside: appending to one growing string and
  // reading its end at every block made long pages quadratic (each read flattened the whole string).
  const parts: string[] = [];
  let tail = "";
  const push = (value: string): void => {
    if (!value) return;
    parts.push(value);
    tail = value.length >= 2 ? value.slice(-2) : (tail + value).slice(-2);
  };
  const retail = (): void => {
    tail = "";
    for (let i = parts.length - 1; i >= 0 && tail.length < 2; i--) tail = parts[i]!.slice(-2 + tail.length) + tail;
  };
  const boundary = (): void => {
    // Trailing spaces go at a line's end.
    let trimmed = false;
    while (parts.length > 0) {
      const last = parts[parts.length - 1]!;
      let end = last.length;
      while (end > 0 && last.charCodeAt(end - 1) === 32) end--;
      if (end === last.length) break;
      trimmed = true;
      if (end === 0) parts.pop();
      else {
        parts[parts.length - 1] = last.slice(0, end);
        break;
      }
    }
    if (trimmed) retail();
    if (parts.length > 0 && tail.charCodeAt(tail.length - 1) !== 10) push("\n");
  };
  // Whether the element entered last (enter's answer for an element) is a block: its line ends when it is left.
  let enteredBlock = false;
  /** Reads one node on the way down; whether to walk into its children. */
  const enter = (node: Node): boolean => {
    enteredBlock = false;
    const type = node.nodeType;
    if (type === 3) {
      // HTML whitespace collapses; at the start of a line it disappears.
      let value = collapseSpace(node.nodeValue ?? "");
      if (parts.length === 0 || tail.charCodeAt(tail.length - 1) === 10) value = value.trimStart();
      push(value);
      return false;
    }
    if (type !== 1) return type === 9 || type === 11;
    const el = node as Element;
    // The tag name is read once here: a browser builds the string anew at each read.
    const name = tag(el);
    if (node !== root && hiddenAs(el, name)) return false;
    // Two elements written back to back ("…@acme.com</a><a>LinkedIn") are two words on screen.
    if (node !== root && parts.length > 0 && !isSpaceCode(tail.charCodeAt(tail.length - 1)) && gluedToPrevious(el))
      push(fieldRow(el) ? "\n" : " ");
    if (name === "pre") {
      boundary();
      push(el.textContent ?? "");
      boundary();
      return false;
    }
    if (name === "br") {
      push("\n");
      return false;
    }
    if (name === "img") return false;
    if (BLOCKS.has(name)) {
      enteredBlock = true;
      boundary();
      // Paragraph-like blocks are separated by a blank line, as in plain-text mail.
      if (name === "p" || name === "blockquote" || name === "table" || name === "hr") {
        if (parts.length > 0 && tail !== "\n\n") push("\n");
      }
    }
    return true;
  };
  // Down by first children, across by next siblings, up by parents: no child lists (each one a new object
  // in a browser), no recursion (deep pages must not overflow the call stack). Whether each element walked
  // into is a block is kept on a stack, so that leaving it reads no tag name again.
  const blocks: boolean[] = [];
  let node: Node = root;
  for (;;) {
    const inside = enter(node);
    if (inside) {
      const first = node.firstChild;
      if (first) {
        blocks.push(enteredBlock);
        node = first;
        continue;
      }
    }
    // Leaving the node and, past a last child, its parents: a block walked into ends its line.
    let done: Node = node;
    let closes: boolean = inside && enteredBlock;
    for (;;) {
      if (closes) boundary();
      if (done === root) return parts.join("");
      const next = done.nextSibling;
      if (next) {
        node = next;
        break;
      }
      done = done.parentNode!;
      closes = blocks.pop()!;
    }
  }
}

/**
 * Whether an element follows an element sibling with no text between them (comments aside): its text and the
 * sibling's touch in textContent, though the page shows them apart (links, icons, laid-out fields).
 */
function gluedToPrevious(el: Element): boolean {
  for (let prev = el.previousSibling; prev; prev = prev.previousSibling) {
    if (prev.nodeType === 8) continue;
    return prev.nodeType === 1;
  }
  return false;
}

// Separators written as their own elements ("<span> | </span>"): the row is one line of text, not fields.
const SEPARATOR = /^[\s|·•/,;–—-]*$/;

/**
 * Whether an element's parent lays out fields, one under another as its stylesheet most likely shows them
 * (`display: block` cannot be read from the DOM alone): three or more child elements, no text of its own
 * between them, and none a mere separator.
 */
function fieldRow(el: Element): boolean {
  const parent = el.parentElement;
  if (!parent || parent.childElementCount < 3) return false;
  for (let child = parent.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === 3 && /\S/.test(child.nodeValue ?? "")) return false;
    if (child.nodeType === 1 && SEPARATOR.test(child.textContent ?? "")) {
      // An image or icon has no text and is no separator.
      if ((child as Element).firstElementChild || ["img", "svg", "i", "br", "input"].includes(tag(child as Element)))
        continue;
      return false;
    }
  }
  return true;
}

/**
 * The elements blockText reads otherwise than as their text, even without elements inside: a `pre`'s text as
 * written, a `br`'s line break, an `img`'s nothing.
 */
const WALKED_LEAVES = new Set(["pre", "br", "img"]);

// Whitespace other than a lone space (a zero-width space counts as one): the only texts that need collapsing.
const UNCOLLAPSED = /[^\S ]|\u200b| {2}/;
const RUNS = /[\s\u00a0\u200b]+/g;

/**
 * Runs of whitespace (zero-width spaces too) as one space each; a text that has none is returned as it is,
 * without a replacement (most lines and headings have none, and a global replacement costs even then).
 */
export function collapseRuns(value: string): string {
  return UNCOLLAPSED.test(value) ? value.replace(RUNS, " ") : value;
}

/** Non-empty, whitespace-collapsed lines of a subtree's visible text. */
export function textLines(root: Node): string[] {
  // An element holding text alone (a link, a heading, a paragraph without markup): its one line is its text
  // collapsed, as blockText would build it, without the walk.
  if (root.nodeType === 1 && (root as Element).firstElementChild === null && !WALKED_LEAVES.has(tag(root as Element))) {
    let plain = true;
    for (let child = root.firstChild; child && plain; child = child.nextSibling)
      plain = child.nodeType === 3 || child.nodeType === 8;
    if (plain) {
      const line = collapseRuns(root.textContent ?? "").trim();
      return line ? [line] : [];
    }
  }
  const lines: string[] = [];
  for (const raw of blockText(root).split("\n")) {
    const line = collapseRuns(raw).trim();
    if (line) lines.push(line);
  }
  return lines;
}

// NodeFilter.SHOW_TEXT (the NodeFilter global is missing in Node).
const SHOW_TEXT = 4;

/**
 * Every element inside `root` (not `root` itself), in document order: down by first children, across by next
 * siblings, up by parents (no walker object: creating one costs more than walking a card's few elements).
 */
export function descendants(root: Element): Element[] {
  const out: Element[] = [];
  let el: Element | null = root.firstElementChild;
  while (el) {
    out.push(el);
    const first: Element | null = el.firstElementChild;
    if (first) {
      el = first;
      continue;
    }
    let next: Element | null = el.nextElementSibling;
    while (!next) {
      const parent: Element | null = el.parentElement;
      if (!parent || parent === root) return out;
      el = parent;
      next = el.nextElementSibling;
    }
    el = next;
  }
  return out;
}

/** The elements of a document with a tag name, as an array (indexed reads of the live collection are the fast ones). */
export function byTag(doc: Document, name: string): Element[] {
  const live = doc.getElementsByTagName(name);
  const out: Element[] = new Array(live.length);
  for (let i = 0; i < out.length; i++) out[i] = live[i]!;
  return out;
}

/** A walker over every text node inside `root`, in document order, hidden or not (native, and no array of them). */
export function textWalker(root: Node): TreeWalker {
  return (root.ownerDocument ?? (root as Document)).createTreeWalker(root, SHOW_TEXT);
}

/** Whether an element holds a block child (a cell, a paragraph…): its textContent glues their texts together. */
export function hasBlockChild(el: Element): boolean {
  for (let child = el.firstElementChild; child; child = child.nextElementSibling)
    if (BLOCKS.has(tag(child))) return true;
  return false;
}

/** Collapsed textContent of an element; null when empty. */
export function textOf(el: Element | null | undefined): string | null {
  if (!el) return null;
  // Elements holding elements are walked, so that back-to-back children stay apart; the rest read textContent.
  const raw = el.firstElementChild ? inlineText(el) : (el.textContent ?? "");
  const value = collapseRuns(raw).trim();
  return value || null;
}

/**
 * The text of an inline run as the page shows it: textContent with elements written back to back apart, and
 * fields laid out one under another (see fieldRow) on lines of their own.
 */
export function runText(root: Element): string {
  return inlineText(root, true);
}

/** textContent with a space between elements written back to back and around blocks and `<br>`. */
function inlineText(root: Element, lines = false): string {
  let out = "";
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.nodeType === 3) {
      out += node.nodeValue ?? "";
      continue;
    }
    if (node.nodeType !== 1) continue;
    const el = node as Element;
    if (el !== root) {
      if (SKIPPED.has(tag(el))) continue;
      if (BLOCKS.has(tag(el))) out += " ";
      else if (gluedToPrevious(el)) out += lines && fieldRow(el) ? "\n" : " ";
    }
    for (let child = el.lastChild; child; child = child.previousSibling) stack.push(child);
  }
  return out;
}

/** How many `mailto:` links (any case) an element holds. */
export function countMailtos(el: Element): number {
  return el.querySelectorAll('a[href^="mailto:" i]').length;
}

/** Resolve an href against a base; null when it is not a URL. */
export function resolveUrl(href: string | null | undefined, base: string): string | null {
  if (!href) return null;
  try {
    return new URL(href.trim(), base).href;
  } catch {
    return null;
  }
}

/** The document's base URL: `<base href>` resolved against the page address. */
export function documentBase(doc: Document, pageUrl: string): string {
  const base = [...doc.getElementsByTagName("base")].find((el) => el.hasAttribute("href"))?.getAttribute("href");
  const page = safeUrl(pageUrl) ?? "http://example.com/";
  return (base && resolveUrl(base, page)) || page;
}

function safeUrl(url: string): string | null {
  try {
    return new URL(url).href;
  } catch {
    return null;
  }
}
