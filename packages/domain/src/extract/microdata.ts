import type { PageContext } from "./context.ts";
import { tag } from "./dom.ts";
import { projectSchemaNodes, type SchemaNode } from "./schema-org.ts";
import type { Source } from "./source.ts";
import { none } from "./types.ts";

const URL_ATTR: Record<string, string> = {
  a: "href",
  area: "href",
  link: "href",
  img: "src",
  audio: "src",
  embed: "src",
  iframe: "src",
  source: "src",
  track: "src",
  video: "src",
  object: "data",
};

/**
 * Read the microdata items of a document (WHATWG microdata: itemscope, itemprop, itemtype, itemref)
 * into schema.org nodes.
 */
export function readMicrodata(doc: Document, resolve: (href: string | null) => string | null): SchemaNode[] {
  const made = new Map<Element, SchemaNode>();

  const item = (el: Element, depth: number): SchemaNode => {
    const known = made.get(el);
    if (known) return known;
    const node: SchemaNode = {
      types: (el.getAttribute("itemtype") ?? "")
        .split(/\s+/)
        .filter(Boolean)
        .map((t) => t.replace(/^.*[/#]/, "")),
      props: new Map(),
    };
    made.set(el, node);
    // The item's own subtree plus the elements named by itemref; nested items keep their properties.
    const pending: Element[] = [...el.children].reverse();
    for (const id of (el.getAttribute("itemref") ?? "").split(/\s+/).filter(Boolean)) {
      const ref = doc.getElementById(id);
      if (ref) pending.unshift(ref);
    }
    while (pending.length > 0) {
      const current = pending.pop()!;
      const names = (current.getAttribute("itemprop") ?? "").split(/\s+/).filter(Boolean);
      if (names.length > 0) {
        const value = current.hasAttribute("itemscope")
          ? depth < 12
            ? item(current, depth + 1)
            : null
          : propertyValue(current, resolve);
        if (value !== null) {
          for (const name of names) {
            const key = name.replace(/^.*[/#]/, "");
            const list = node.props.get(key) ?? [];
            list.push(value);
            node.props.set(key, list);
          }
        }
      }
      if (!current.hasAttribute("itemscope")) pending.push(...[...current.children].reverse());
    }
    return node;
  };

  const roots: SchemaNode[] = [];
  // Top-level items, plus items whose itemprop has no enclosing item (a common authoring slip).
  for (const el of doc.querySelectorAll("[itemscope]")) {
    if (!el.hasAttribute("itemprop") || !el.parentElement?.closest("[itemscope]")) roots.push(item(el, 0));
  }
  return roots;
}

function propertyValue(el: Element, resolve: (href: string | null) => string | null): string | null {
  const name = tag(el);
  if (name === "meta") return el.getAttribute("content");
  const urlAttr = URL_ATTR[name];
  if (urlAttr) {
    const raw = el.getAttribute(urlAttr);
    // mailto:/tel: hrefs stay as written; the projector normalises them.
    return raw && /^(mailto|tel):/i.test(raw) ? raw : resolve(raw);
  }
  if (name === "data" || name === "meter") return el.getAttribute("value");
  if (name === "time" && el.hasAttribute("datetime")) return el.getAttribute("datetime");
  if (el.hasAttribute("content")) return el.getAttribute("content");
  return (el.textContent ?? "").replace(/\s+/g, " ").trim();
}

/** schema.org microdata items (Person, Organization, LocalBusiness…), projected like JSON-LD. */
export const microdata: Source = {
  id: "microdata",
  extract(ctx: PageContext) {
    const roots = readMicrodata(ctx.doc, (href) => ctx.resolve(href));
    return roots.length > 0 ? projectSchemaNodes(roots, ctx, "microdata") : none();
  },
};
