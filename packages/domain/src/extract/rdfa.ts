import type { PageContext } from "./context.ts";
import { tag } from "./dom.ts";
import { projectSchemaNodes, type SchemaNode, type SchemaValue } from "./schema-org.ts";
import type { Source } from "./source.ts";
import { none } from "./types.ts";

// schema.org's namespace as vocabularies and prefixes write it (http or https, with or without www).
const SCHEMA_IRI = /^https?:\/\/(www\.)?schema\.org\/?#?/i;
// RDFa's initial context maps `schema:` to schema.org even without a `prefix` attribute.
const DEFAULT_PREFIXES: Record<string, string> = { schema: "http://schema.org/" };
// Elements whose URL attribute is the value of a property written on them (RDFa 1.1: href, src).
const URL_ATTR: Record<string, string> = {
  a: "href",
  area: "href",
  link: "href",
  img: "src",
  audio: "src",
  video: "src",
  source: "src",
  iframe: "src",
  embed: "src",
  object: "data",
};

/** What an element's terms mean: the vocabulary and prefixes in scope there. */
interface Scope {
  vocab: string | null;
  prefixes: Record<string, string>;
}

/** The vocabulary and prefixes in scope at an element, read from it and its ancestors (nearest wins). */
function scopeOf(el: Element, cache: Map<Element, Scope>): Scope {
  const known = cache.get(el);
  if (known) return known;
  const parent = el.parentElement;
  const outer: Scope = parent ? scopeOf(parent, cache) : { vocab: null, prefixes: DEFAULT_PREFIXES };
  let scope = outer;
  const vocab = el.getAttribute("vocab");
  const prefix = el.getAttribute("prefix");
  if (vocab !== null || prefix !== null) {
    const prefixes = { ...outer.prefixes };
    // "og: http://ogp.me/ns# schema: http://schema.org/": pairs of a name with a colon and an IRI.
    for (const m of (prefix ?? "").matchAll(/([\w-]+):\s+(\S+)/g)) prefixes[m[1]!.toLowerCase()] = m[2]!;
    scope = { vocab: vocab === null ? outer.vocab : vocab.trim() || null, prefixes };
  }
  cache.set(el, scope);
  return scope;
}

/** The schema.org local names of an attribute's terms ("name", "schema:name", "http://schema.org/name"); others dropped. */
function schemaTerms(raw: string | null, scope: Scope): string[] {
  if (!raw) return [];
  const out: string[] = [];
  for (const term of raw.split(/\s+/)) {
    if (!term) continue;
    if (SCHEMA_IRI.test(term)) {
      out.push(term.replace(SCHEMA_IRI, ""));
      continue;
    }
    const colon = term.indexOf(":");
    if (colon > 0) {
      const iri = scope.prefixes[term.slice(0, colon).toLowerCase()];
      if (iri && SCHEMA_IRI.test(iri)) out.push(term.slice(colon + 1));
      continue;
    }
    if (scope.vocab && SCHEMA_IRI.test(scope.vocab)) out.push(term);
  }
  return out.filter(Boolean);
}

/** A property's literal or link on an element that starts no item: `content`, then `resource`, the URL, `datetime`, the text. */
function literal(el: Element, resolve: (href: string | null) => string | null): string | null {
  const content = el.getAttribute("content");
  if (content !== null) return content;
  const resource = el.getAttribute("resource");
  if (resource !== null) return resolve(resource);
  const attr = URL_ATTR[tag(el)];
  if (attr && el.hasAttribute(attr)) {
    const raw = el.getAttribute(attr);
    // mailto:/tel: stay as written; the projector normalises them.
    return raw && /^(mailto|tel):/i.test(raw) ? raw : resolve(raw);
  }
  if (tag(el) === "time" && el.hasAttribute("datetime")) return el.getAttribute("datetime");
  return (el.textContent ?? "").replace(/\s+/g, " ").trim();
}

/**
 * Read the schema.org items of a document written in RDFa (1.1 Lite and the common core: `vocab`, `prefix`,
 * `typeof`, `property`, `resource`, `content`, href/src) into schema.org nodes, nested as the markup nests them.
 */
export function readRdfa(
  doc: Document,
  resolve: (href: string | null) => string | null,
  typed: readonly Element[] = [...doc.querySelectorAll("[typeof]")],
): SchemaNode[] {
  if (typed.length === 0) return [];
  const scopes = new Map<Element, Scope>();
  const made = new Map<Element, SchemaNode>();
  const roots: SchemaNode[] = [];

  const item = (el: Element, depth: number): SchemaNode => {
    const known = made.get(el);
    if (known) return known;
    const node: SchemaNode = { types: schemaTerms(el.getAttribute("typeof"), scopeOf(el, scopes)), props: new Map() };
    made.set(el, node);
    const pending: Element[] = [...el.children].reverse();
    while (pending.length > 0) {
      const current = pending.pop()!;
      const names = schemaTerms(current.getAttribute("property"), scopeOf(current, scopes));
      const starts = current.hasAttribute("typeof");
      if (names.length > 0) {
        let value: SchemaValue | null = null;
        if (starts) value = depth < 12 ? item(current, depth + 1) : null;
        else value = literal(current, resolve);
        if (value !== null && value !== "") {
          for (const name of names) {
            const list = node.props.get(name) ?? [];
            list.push(value);
            node.props.set(name, list);
          }
        }
      }
      // A nested item's own properties are its own; everything else still describes this item.
      if (!starts) for (let i = current.children.length - 1; i >= 0; i--) pending.push(current.children[i]!);
    }
    return node;
  };

  for (const el of typed) {
    // Items that are a property's value are reached from the item holding them.
    if (el.hasAttribute("property") && el.parentElement?.closest("[typeof]")) continue;
    const node = item(el, 0);
    if (node.types.length > 0 || node.props.size > 0) roots.push(node);
  }
  return roots;
}

/** schema.org items written in RDFa (Person, Organization, LocalBusiness…), projected like JSON-LD and microdata. */
export const rdfa: Source = {
  id: "rdfa",
  extract(ctx: PageContext) {
    const roots = readRdfa(ctx.doc, (href) => ctx.resolve(href), ctx.withAttribute("typeof"));
    return roots.length > 0 ? projectSchemaNodes(roots, ctx, "rdfa") : none();
  },
};
