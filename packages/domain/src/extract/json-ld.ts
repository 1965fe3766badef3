import type { PageContext } from "./context.ts";
import { projectSchemaNodes, type SchemaNode, type SchemaValue } from "./schema-org.ts";
import type { Source } from "./source.ts";
import { none } from "./types.ts";

/**
 * Parse JSON the way browsers' sloppy publishers write it: comments, raw control characters,
 * trailing commas, HTML comment wrappers; null when hopeless.
 */
export function parseLenientJson(raw: string): unknown {
  let trimmed = raw
    .trim()
    .replace(/^\/\/\s*<!\[CDATA\[|\/\/\s*\]\]>$/g, "")
    .trim();
  // A whole block wrapped in an HTML comment (old browsers' habit) is unwrapped; comments inside are skipped below.
  if (/^<!--\s*[[{]/.test(trimmed) && trimmed.endsWith("-->")) trimmed = trimmed.slice(4, -3).trim();
  if (!trimmed) return null;
  try {
    return JSON.parse(trimmed);
  } catch {
    // repaired below
  }
  let out = "";
  let inString = false;
  for (let i = 0; i < trimmed.length; i++) {
    const ch = trimmed[i]!;
    if (inString) {
      if (ch === "\\") {
        out += ch + (trimmed[i + 1] ?? "");
        i++;
      } else if (ch === '"') {
        inString = false;
        out += ch;
      } else if (ch < " ") {
        out += ch === "\n" ? "\\n" : ch === "\t" ? "\\t" : ch === "\r" ? "\\r" : " ";
      } else out += ch;
      continue;
    }
    if (ch === '"') {
      inString = true;
      out += ch;
    } else if (ch === "<" && trimmed.startsWith("<!--", i)) {
      const end = trimmed.indexOf("-->", i + 4);
      i = end < 0 ? trimmed.length : end + 2;
    } else if (ch === "/" && trimmed[i + 1] === "/") {
      while (i < trimmed.length && trimmed[i] !== "\n") i++;
    } else if (ch === "/" && trimmed[i + 1] === "*") {
      const end = trimmed.indexOf("*/", i + 2);
      i = end < 0 ? trimmed.length : end + 1;
    } else out += ch;
  }
  out = out.replace(/,(\s*[}\]])/g, "$1");
  try {
    return JSON.parse(out);
  } catch {
    return null;
  }
}

// "http://schema.org/name", "schema:name" and "name" are the same property.
function localName(key: string): string {
  const cut = Math.max(key.lastIndexOf("/"), key.lastIndexOf("#"), key.lastIndexOf(":"));
  return cut >= 0 ? key.slice(cut + 1) : key;
}

/** Convert parsed JSON-LD (objects, arrays, `@graph`, `@id` references) into schema.org nodes. */
function jsonLdToNodes(data: unknown): SchemaNode[] {
  const byId = new Map<string, Record<string, unknown>>();
  const roots: Record<string, unknown>[] = [];
  const collect = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const v of value) collect(v);
      return;
    }
    if (!value || typeof value !== "object") return;
    const obj = value as Record<string, unknown>;
    if (Array.isArray(obj["@graph"])) collect(obj["@graph"]);
    else if (obj["@graph"] && typeof obj["@graph"] === "object") collect(obj["@graph"]);
    if (obj["@type"] !== undefined || Object.keys(obj).some((k) => !k.startsWith("@"))) {
      roots.push(obj);
      if (typeof obj["@id"] === "string") byId.set(obj["@id"], obj);
    }
  };
  collect(data);

  const converted = new Map<Record<string, unknown>, SchemaNode>();
  const convert = (obj: Record<string, unknown>, depth: number): SchemaNode => {
    const known = converted.get(obj);
    if (known) return known;
    const rawType = obj["@type"];
    const node: SchemaNode = {
      types: (Array.isArray(rawType) ? rawType : rawType === undefined ? [] : [rawType]).map((t) =>
        localName(String(t)),
      ),
      props: new Map(),
    };
    converted.set(obj, node);
    for (const [key, raw] of Object.entries(obj)) {
      if (key.startsWith("@") && key !== "@id") continue;
      const values: SchemaValue[] = [];
      for (const item of Array.isArray(raw) ? raw : [raw]) {
        const value = toValue(item, depth);
        if (value !== null) values.push(value);
      }
      if (values.length > 0) node.props.set(localName(key), values);
    }
    return node;
  };
  const toValue = (item: unknown, depth: number): SchemaValue | null => {
    if (item === null || item === undefined) return null;
    if (typeof item === "string" || typeof item === "number" || typeof item === "boolean") return String(item);
    if (typeof item !== "object" || depth > 12) return null;
    const obj = item as Record<string, unknown>;
    if ("@value" in obj) return obj["@value"] == null ? null : String(obj["@value"]);
    const keys = Object.keys(obj);
    if (keys.length === 1 && typeof obj["@id"] === "string") {
      // A bare reference: the node it names in the same document, else the IRI itself.
      const target = byId.get(obj["@id"]);
      return target ? convert(target, depth + 1) : obj["@id"];
    }
    return convert(obj, depth + 1);
  };
  // Nodes referenced from elsewhere are reached through their referrer; keep every root so nothing is lost.
  return roots.map((r) => convert(r, 0));
}

/** The page's `<script type="application/ld+json">` elements. */
export function jsonLdScripts(ctx: PageContext): Element[] {
  return ctx.tagged("script").filter((s) => s.getAttribute("type")?.toLowerCase() === "application/ld+json");
}

/**
 * schema.org JSON-LD blocks: Person, Organization, LocalBusiness and subtypes, ContactPoint, with
 * `@graph`, arrays and nesting.
 */
export const jsonLd: Source = {
  id: "json-ld",
  extract(ctx: PageContext) {
    const roots: SchemaNode[] = [];
    for (const script of jsonLdScripts(ctx)) {
      const data = parseLenientJson(script.textContent ?? "");
      if (data !== null) roots.push(...jsonLdToNodes(data));
    }
    return roots.length > 0 ? projectSchemaNodes(roots, ctx, "json-ld") : none();
  },
};
