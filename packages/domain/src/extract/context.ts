import { isSupportedCountry } from "libphonenumber-js/min";
import { normalizePhone } from "../normalize.ts";
import { forgetHeadlineAnswers } from "./headline.ts";
import { forgetNameAnswers } from "./names.ts";
import { blockText, byTag, documentBase, resolveUrl, textLines, textWalker } from "./dom.ts";
import { textFlags } from "./text-flags.ts";

/** Options of a page extraction. */
export interface ExtractOptions {
  /** The workspace's default phone region (ISO 3166 alpha-2), used when the page gives no hint. */
  defaultRegion?: string;
}

/** What every source reads: the document, its address, the phone region, and lazily computed shared views. */
export interface PageContext {
  doc: Document;
  url: string;
  base: string;
  region: string;
  resolve(href: string | null | undefined): string | null;
  phone(raw: string): string;
  /** The page's visible text, computed once and shared by the sources that scan text. */
  visibleText(): string;
  /**
   * The document's elements with a tag name (`a`, `img`, `script`…), in document order; collected
   * once per name and shared.
   */
  tagged(name: string): readonly Element[];
  /**
   * The content of the first `<meta>` whose property or name is one of `keys` (case-insensitive);
   * one scan per page.
   */
  meta(...keys: string[]): string | null;
  /** The text nodes of the body (else the document element), in document order; one walk, shared. */
  textNodes(): readonly Text[];
  /**
   * The values of `textNodes()`, index for index: read once and shared (each read of a node's value builds a
   * new string in a browser).
   */
  textValues(): readonly string[];
  /**
   * What the text-scanning sources first ask of each of `textValues()` (see text-flags.ts), index for index:
   * answered once in one pass over the characters.
   */
  textFlags(): Readonly<Uint8Array>;
  /** The elements carrying an attribute (`typeof`, `itemtype`…), in document order; one query per name, shared. */
  withAttribute(name: string): readonly Element[];
  /** The document's `<a>` elements that have an `href`, with its value as written, in document order; read once. */
  anchors(): readonly Anchor[];
  /**
   * The visible lines of an element (see `textLines`), remembered for this extraction: several sources read
   * the same card or block.
   */
  lines(el: Element): readonly string[];
  /**
   * How many `mailto:` links an element holds, counted once per element for this extraction: each contact of a
   * list asks it of the same enclosing blocks (a query per contact made long lists quadratic).
   */
  mailtos(el: Element): number;
}

/** A link of the page and its `href` attribute. */
export interface Anchor {
  a: Element;
  href: string;
}

// An href as `a[href^="mailto:" i]` matches it (a regex's `i` without `u` folds ASCII letters alone, as the selector's).
const MAILTO = /^mailto:/i;

/** Build the shared context of one extraction. */
export function createContext(doc: Document, url: string, options: ExtractOptions = {}): PageContext {
  // What the name, title and headline tests remembered serves one page.
  forgetNameAnswers();
  forgetHeadlineAnswers();
  const base = documentBase(doc, url);
  const region = pageRegion(doc, url, options.defaultRegion ?? "US");
  let text: string | null = null;
  let metas: Map<string, string> | null = null;
  let texts: Text[] | null = null;
  let values: string[] | null = null;
  let flags: Uint8Array | null = null;
  const readTexts = (): Text[] => {
    const out: Text[] = [];
    const root = doc.body ?? doc.documentElement;
    if (!root) return out;
    const walker = textWalker(root);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) out.push(node as Text);
    return out;
  };
  const textNodes = (): Text[] => {
    texts ??= readTexts();
    return texts;
  };
  const readValues = (): string[] => {
    const nodes = textNodes();
    const out: string[] = new Array(nodes.length);
    // A text node's data is its value (never null): the cheaper read.
    for (let i = 0; i < nodes.length; i++) out[i] = nodes[i]!.data;
    return out;
  };
  const textValues = (): string[] => {
    values ??= readValues();
    return values;
  };
  const byName = new Map<string, Element[]>();
  const tagged = (name: string): Element[] => {
    let list = byName.get(name);
    if (!list) {
      list = byTag(doc, name);
      byName.set(name, list);
    }
    return list;
  };
  const byAttribute = new Map<string, Element[]>();
  const withAttribute = (name: string): Element[] => {
    let list = byAttribute.get(name);
    if (!list) {
      list = [...doc.querySelectorAll(`[${name}]`)];
      byAttribute.set(name, list);
    }
    return list;
  };
  let anchorList: Anchor[] | null = null;
  const anchors = (): Anchor[] => (anchorList ??= readAnchors());
  const readAnchors = (): Anchor[] => {
    const out: Anchor[] = [];
    for (const a of tagged("a")) {
      const href = a.getAttribute("href");
      if (href !== null) out.push({ a, href });
    }
    return out;
  };
  // The DOM does not change during one extraction, so an element's lines can be kept for its length.
  const linesOf = new Map<Element, string[]>();
  const lines = (el: Element): string[] => {
    let list = linesOf.get(el);
    if (!list) {
      list = textLines(el);
      linesOf.set(el, list);
    }
    return list;
  };
  // How many mailto: links each element holds, counted up from the page's links at the first question: one pass
  // over the few mailto: links and their ancestors, where a query per element read the element's whole subtree.
  let mailtosIn: Map<Element, number> | null = null;
  const countMailtosIn = (): Map<Element, number> => {
    const counts = new Map<Element, number>();
    for (const { a, href } of anchors()) {
      // As countMailtos's selector reads it: a link (an `a`, as all of these are) whose href starts with "mailto:".
      if (!MAILTO.test(href)) continue;
      for (let el = a.parentElement; el; el = el.parentElement) counts.set(el, (counts.get(el) ?? 0) + 1);
    }
    return counts;
  };
  const mailtos = (el: Element): number => {
    mailtosIn ??= countMailtosIn();
    return mailtosIn.get(el) ?? 0;
  };
  const readMetas = (): Map<string, string> => {
    const map = new Map<string, string>();
    for (const el of tagged("meta")) {
      const content = el.getAttribute("content")?.trim();
      if (!content) continue;
      for (const attr of ["property", "name"]) {
        const key = el.getAttribute(attr)?.toLowerCase();
        if (key && !map.has(key)) map.set(key, content);
      }
    }
    return map;
  };
  return {
    doc,
    url,
    base,
    region,
    resolve: (href) => resolveUrl(href, base),
    phone: (raw) => normalizePhone(raw, region),
    visibleText: () => (text ??= doc.body ? blockText(doc.body) : blockText(doc)),
    tagged,
    withAttribute,
    textNodes,
    textValues,
    textFlags: () => (flags ??= textFlags(textValues())),
    anchors,
    lines,
    mailtos,
    meta: (...keys) => {
      metas ??= readMetas();
      for (const key of keys) {
        const value = metas.get(key.toLowerCase());
        if (value) return value;
      }
      return null;
    },
  };
}

// A language alone says little about the country, but for these it is the best guess there is.
const LANGUAGE_REGION: Record<string, string> = {
  de: "DE",
  fr: "FR",
  it: "IT",
  es: "ES",
  nl: "NL",
  pl: "PL",
  sv: "SE",
  da: "DK",
  fi: "FI",
  nb: "NO",
  no: "NO",
  nn: "NO",
  ja: "JP",
  ko: "KR",
  cs: "CZ",
  sk: "SK",
  hu: "HU",
  ro: "RO",
  bg: "BG",
  el: "GR",
  tr: "TR",
  uk: "UA",
  ru: "RU",
  he: "IL",
  th: "TH",
  vi: "VN",
  id: "ID",
  et: "EE",
  lv: "LV",
  lt: "LT",
  sl: "SI",
  hr: "HR",
  is: "IS",
};

// Country-code TLDs used as generic names; they say nothing about where a phone number is.
const GENERIC_CCTLDS = new Set([
  "io",
  "ai",
  "co",
  "me",
  "tv",
  "fm",
  "ly",
  "gg",
  "to",
  "cc",
  "ws",
  "so",
  "sh",
  "app",
  "dev",
]);

/** The phone region a host's country TLD suggests (`acme.de` → DE), else the fallback. */
export function regionFromHost(host: string, fallback: string): string {
  const tld = host.toLowerCase().split(".").pop() ?? "";
  const code = (tld === "uk" ? "GB" : tld).toUpperCase();
  return !GENERIC_CCTLDS.has(tld) && code.length === 2 && isSupportedCountry(code as never) ? code : fallback;
}

/**
 * The phone region of a page: `<html lang>` with a region, the page's own hreflang, its country
 * TLD, its bare language, else the default.
 */
function pageRegion(doc: Document, url: string, defaultRegion: string): string {
  const supported = (code: string | undefined | null): string | null => {
    const upper = (code ?? "").toUpperCase();
    const fixed = upper === "UK" ? "GB" : upper;
    return fixed.length === 2 && isSupportedCountry(fixed as never) ? fixed : null;
  };
  const lang = (doc.documentElement?.getAttribute("lang") ?? "").trim();
  const [language, country] = lang.split(/[-_]/);
  const fromLang = supported(country);
  if (fromLang) return fromLang;
  for (const link of doc.querySelectorAll("link[rel~='alternate'][hreflang]")) {
    if (link.getAttribute("href") && resolveUrl(link.getAttribute("href"), url) === url) {
      const fromHreflang = supported((link.getAttribute("hreflang") ?? "").split(/[-_]/)[1]);
      if (fromHreflang) return fromHreflang;
    }
  }
  try {
    const tld = new URL(url).hostname.split(".").pop() ?? "";
    if (!GENERIC_CCTLDS.has(tld)) {
      const fromTld = supported(tld);
      if (fromTld) return fromTld;
    }
  } catch {
    // not a URL: no TLD hint
  }
  return supported(LANGUAGE_REGION[(language ?? "").toLowerCase()]) ?? defaultRegion;
}
