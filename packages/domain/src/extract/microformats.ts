// A small microformats2 parser (with classic-microformats backcompat) covering what cards need:
// roots, p-/u-/dt-/e- properties, nested items as property values or children, the value-class pattern,
// and implied name/url. Its output follows the canonical mf2 JSON shape so it can be checked against the
// microformats test suite.
import { tag } from "./dom.ts";

/**
 * A parsed microformat: types, properties (text or nested items), children, and a value when it is
 * itself a property.
 */
export interface MfItem {
  type: string[];
  properties: Record<string, MfValue[]>;
  children: MfItem[];
  value?: string;
}
/** A property value: text or a nested item. */
export type MfValue = string | MfItem;

const MF1_ROOTS: Record<string, string> = {
  vcard: "h-card",
  adr: "h-adr",
  geo: "h-geo",
  vevent: "h-event",
  hentry: "h-entry",
  hreview: "h-review",
  hresume: "h-resume",
  "hreview-aggregate": "h-review-aggregate",
  hproduct: "h-product",
  hrecipe: "h-recipe",
  hfeed: "h-feed",
  vcalendar: "h-calendar",
  hnews: "h-news",
};

const ADR = {
  "street-address": "p-street-address",
  "extended-address": "p-extended-address",
  "post-office-box": "p-post-office-box",
  locality: "p-locality",
  region: "p-region",
  "postal-code": "p-postal-code",
  "country-name": "p-country-name",
  label: "p-label",
};

// Classic property class → mf2 property, per root type (microformats2 parsing, backcompat tables).
const MF1_PROPS: Record<string, Record<string, string>> = {
  "h-card": {
    fn: "p-name",
    "given-name": "p-given-name",
    "family-name": "p-family-name",
    "additional-name": "p-additional-name",
    "honorific-prefix": "p-honorific-prefix",
    "honorific-suffix": "p-honorific-suffix",
    nickname: "p-nickname",
    org: "p-org",
    "organization-name": "p-organization-name",
    title: "p-job-title",
    role: "p-role",
    email: "u-email",
    tel: "p-tel",
    url: "u-url",
    photo: "u-photo",
    logo: "u-logo",
    note: "p-note",
    uid: "u-uid",
    bday: "dt-bday",
    category: "p-category",
    adr: "p-adr",
    geo: "p-geo",
    "sort-string": "p-sort-string",
    tz: "p-tz",
    rev: "dt-rev",
    class: "p-class",
    key: "u-key",
    agent: "p-agent",
    ...ADR,
  },
  "h-adr": ADR,
  "h-geo": { latitude: "p-latitude", longitude: "p-longitude" },
  "h-entry": {
    "entry-title": "p-name",
    "entry-summary": "p-summary",
    "entry-content": "e-content",
    author: "p-author",
    published: "dt-published",
    updated: "dt-updated",
    bookmark: "u-url",
    category: "p-category",
  },
  "h-resume": {
    summary: "p-summary",
    contact: "p-contact",
    affiliation: "p-affiliation",
    experience: "p-experience",
    education: "p-education",
    skill: "p-skill",
  },
  "h-review": {
    summary: "p-name",
    fn: "p-name",
    reviewer: "p-author",
    item: "p-item",
    description: "e-content",
    rating: "p-rating",
    dtreviewed: "dt-published",
  },
  "h-review-aggregate": {
    summary: "p-name",
    fn: "p-name",
    item: "p-item",
    rating: "p-rating",
    count: "p-count",
    votes: "p-votes",
  },
  "h-event": {
    summary: "p-name",
    dtstart: "dt-start",
    dtend: "dt-end",
    location: "p-location",
    url: "u-url",
    attendee: "p-attendee",
    organizer: "p-organizer",
    contact: "p-contact",
    description: "p-description",
  },
  "h-product": { fn: "p-name", photo: "u-photo", brand: "p-brand", url: "u-url", review: "p-review" },
};

interface Root {
  types: string[];
  mf1: boolean;
}

function classes(el: Element): string[] {
  return (el.getAttribute("class") ?? "").split(/\s+/).filter(Boolean);
}

function rootOf(el: Element): Root | null {
  const list = classes(el);
  const mf2 = list.filter((c) => /^h-[a-z0-9]+(-[a-z0-9]+)*$/.test(c));
  if (mf2.length > 0) return { types: [...new Set(mf2)].sort(), mf1: false };
  const mf1 = list.map((c) => MF1_ROOTS[c]).filter((t): t is string => Boolean(t));
  return mf1.length > 0 ? { types: [...new Set(mf1)].sort(), mf1: true } : null;
}

function propertiesOf(el: Element, parent: Root): string[] {
  const list = classes(el);
  if (!parent.mf1) return list.filter((c) => /^(p|u|dt|e)-[a-z0-9]+(-[a-z0-9]+)*$/.test(c));
  const out: string[] = [];
  for (const type of parent.types) {
    const table = MF1_PROPS[type];
    if (!table) continue;
    for (const c of list) {
      const mapped = table[c];
      if (mapped) out.push(mapped);
    }
  }
  return out;
}

/** Parse every top-level microformat in a document or element. */
export function parseMicroformats(root: ParentNode, base: string): MfItem[] {
  const items: MfItem[] = [];
  const stack: Element[] = [...root.children].reverse();
  while (stack.length > 0) {
    const el = stack.pop()!;
    const r = rootOf(el);
    if (r) items.push(parseItem(el, r, base));
    else stack.push(...[...el.children].reverse());
  }
  return items;
}

function parseItem(el: Element, root: Root, base: string): MfItem {
  const item: MfItem = { type: root.types, properties: {}, children: [] };
  let nestedSeen = false;
  let hasPOrE = false;
  let hasU = false;
  const add = (name: string, value: MfValue): void => {
    const values = item.properties[name] ?? [];
    values.push(value);
    item.properties[name] = values;
  };
  const walk = (parent: Element): void => {
    for (const child of parent.children) {
      if (tag(child) === "template") continue;
      const props = propertiesOf(child, root);
      const nestedRoot = rootOf(child);
      if (nestedRoot) {
        const nested = parseItem(child, nestedRoot, base);
        nestedSeen = true;
        if (props.length === 0) {
          item.children.push(nested);
          continue;
        }
        for (const prop of props) {
          const [prefix, name] = splitProp(prop);
          if (prefix === "p" || prefix === "e") hasPOrE = true;
          if (prefix === "u") hasU = true;
          const nameValue = firstText(nested.properties["name"]);
          const urlValue = firstText(nested.properties["url"]);
          const value = prefix === "u" ? (urlValue ?? uValue(child, base)) : (nameValue ?? pValue(child));
          add(name, { ...nested, value: value ?? "" });
        }
        continue;
      }
      for (const prop of props) {
        const [prefix, name] = splitProp(prop);
        if (prefix === "p" || prefix === "e") hasPOrE = true;
        if (prefix === "u") hasU = true;
        // A classic `email` without a mailto: link is the written address, not a URL.
        const value =
          prefix === "u"
            ? root.mf1 && name === "email" && !child.hasAttribute("href")
              ? pValue(child)
              : uValue(child, base)
            : pValue(child);
        add(name, value);
      }
      walk(child);
    }
  };
  walk(el);
  // The include pattern: properties kept elsewhere in the page and pulled in by id.
  for (const id of (el.getAttribute("itemref") ?? "").split(/\s+/).filter(Boolean)) {
    const ref = el.ownerDocument.getElementById(id);
    if (!ref || ref === el || ref.contains(el)) continue;
    const holder = el.ownerDocument.createElement("div");
    holder.appendChild(ref.cloneNode(true));
    walk(holder);
  }
  if (!root.mf1) {
    if (!item.properties["name"] && !hasPOrE && !nestedSeen) {
      const implied = impliedName(el);
      if (implied !== null) item.properties["name"] = [implied];
    }
    if (!item.properties["url"] && !hasU && !nestedSeen) {
      const implied = impliedUrl(el, base);
      if (implied) item.properties["url"] = [implied];
    }
  }
  if (item.children.length === 0) delete (item as Partial<MfItem>).children;
  return item;
}

function splitProp(prop: string): [string, string] {
  const dash = prop.indexOf("-");
  return [prop.slice(0, dash), prop.slice(dash + 1)];
}

function firstText(values: MfValue[] | undefined): string | null {
  const first = values?.[0];
  if (first === undefined) return null;
  return typeof first === "string" ? first : (first.value ?? null);
}

function valueClass(el: Element): string | null {
  const parts: string[] = [];
  const visit = (parent: Element): void => {
    for (const child of parent.children) {
      if (rootOf(child)) continue;
      if (classes(child).includes("value")) {
        const name = tag(child);
        if ((name === "img" || name === "area") && child.hasAttribute("alt")) parts.push(child.getAttribute("alt")!);
        else if (name === "abbr" && child.hasAttribute("title")) parts.push(child.getAttribute("title")!);
        else if ((name === "data" || name === "input") && child.hasAttribute("value"))
          parts.push(child.getAttribute("value")!);
        else parts.push(child.textContent ?? "");
      } else visit(child);
    }
  };
  visit(el);
  return parts.length > 0 ? parts.join("").trim() : null;
}

function pValue(el: Element): string {
  const fromValueClass = valueClass(el);
  if (fromValueClass !== null) return fromValueClass;
  const name = tag(el);
  if ((name === "abbr" || name === "link") && el.hasAttribute("title")) return el.getAttribute("title")!;
  if ((name === "data" || name === "input") && el.hasAttribute("value")) return el.getAttribute("value")!;
  if ((name === "img" || name === "area") && el.hasAttribute("alt")) return el.getAttribute("alt")!;
  return textWithAlt(el);
}

function uValue(el: Element, base: string): string {
  const name = tag(el);
  const attr =
    name === "a" || name === "area" || name === "link"
      ? "href"
      : name === "img" || name === "audio" || name === "video" || name === "source" || name === "iframe"
        ? "src"
        : name === "object"
          ? "data"
          : null;
  const raw = attr ? el.getAttribute(attr) : null;
  if (raw !== null) return resolve(raw, base);
  const fromValueClass = valueClass(el);
  if (fromValueClass !== null) return fromValueClass;
  if (name === "abbr" && el.hasAttribute("title")) return el.getAttribute("title")!;
  if ((name === "data" || name === "input") && el.hasAttribute("value")) return el.getAttribute("value")!;
  return textWithAlt(el);
}

function resolve(raw: string, base: string): string {
  if (/^(mailto|tel|sms):/i.test(raw.trim())) return raw.trim();
  try {
    return new URL(raw.trim(), base).href;
  } catch {
    return raw.trim();
  }
}

// Text content without script/style, with images replaced by their alt text (mf2 "textContent" rules).
function textWithAlt(el: Element): string {
  const out: string[] = [];
  const visit = (node: Node): void => {
    for (const child of node.childNodes) {
      if (child.nodeType === 3) out.push(child.nodeValue ?? "");
      else if (child.nodeType === 1) {
        const name = tag(child as Element);
        if (name === "script" || name === "style" || name === "template") continue;
        if (name === "img") {
          const alt = (child as Element).getAttribute("alt");
          if (alt) out.push(` ${alt} `);
        } else visit(child);
      }
    }
  };
  visit(el);
  return out.join("").replace(/\s+/g, " ").trim();
}

function onlyChild(el: Element): Element | null {
  return el.children.length === 1 ? el.children[0]! : null;
}

function impliedName(el: Element): string | null {
  const altOf = (e: Element | null): string | null => {
    if (!e || rootOf(e)) return null;
    const name = tag(e);
    if ((name === "img" || name === "area") && e.hasAttribute("alt")) return e.getAttribute("alt");
    if (name === "abbr" && e.hasAttribute("title")) return e.getAttribute("title");
    return null;
  };
  const own = tag(el);
  if ((own === "img" || own === "area") && el.hasAttribute("alt")) return el.getAttribute("alt")!.trim();
  if (own === "abbr" && el.hasAttribute("title")) return el.getAttribute("title")!.trim();
  const child = onlyChild(el);
  const fromChild = altOf(child) ?? (child && !rootOf(child) ? altOf(onlyChild(child)) : null);
  if (fromChild !== null) return fromChild.trim();
  return textWithAlt(el);
}

function impliedUrl(el: Element, base: string): string | null {
  const linkOf = (e: Element | null): string | null => {
    if (!e || rootOf(e)) return null;
    const name = tag(e);
    return (name === "a" || name === "area") && e.hasAttribute("href") ? resolve(e.getAttribute("href")!, base) : null;
  };
  const own = tag(el);
  if ((own === "a" || own === "area") && el.hasAttribute("href")) return resolve(el.getAttribute("href")!, base);
  const child = onlyChild(el);
  return linkOf(child) ?? (child && !rootOf(child) ? linkOf(onlyChild(child)) : null);
}
