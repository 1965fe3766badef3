import { z } from "zod";

/** What a record id looks like: any UUID-shaped string. */
export const ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A record id: a UUID (clients generate UUIDv7) — any UUID-shaped string is accepted. */
export const IdSchema = z.string().regex(ID_PATTERN, "must be a UUID");
export type Id = z.infer<typeof IdSchema>;

/** An ISO 8601 UTC timestamp such as 2026-11-23T10:00:00.000Z. */
export const IsoDateTimeSchema = z.iso.datetime({ offset: false });
export type IsoDateTime = z.infer<typeof IsoDateTimeSchema>;

/** Longest free-text field we store (notes, bodies). */
export const MAX_TEXT = 20_000;
/** Longest short string (names, titles). */
export const MAX_SHORT = 300;
/** Most values in one set-valued field (emails, phones, tags, urls). */
export const MAX_SET = 50;

/**
 * Characters no name or label may hold: control characters (NUL, escapes, line breaks), the
 * text-direction overrides and isolates that make a name read backwards (U+202A–U+202E,
 * U+2066–U+2069), and lone surrogates (half of a character, which no font draws and JSON
 * tools choke on).
 */
const LONE_SURROGATE = "[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]";
/** One lone surrogate (a test without the global flag keeps no state between calls). */
const LONE_SURROGATE_PATTERN = new RegExp(LONE_SURROGATE);
const UNSAFE_SHORT = new RegExp(`[\\u0000-\\u001f\\u007f-\\u009f\\u202a-\\u202e\\u2066-\\u2069]|${LONE_SURROGATE}`);
/** In long text (notes, bodies) line breaks and tabs are fine; NUL, other controls and lone surrogates are not. */
const UNSAFE_LONG = new RegExp(`[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f]|${LONE_SURROGATE}`);
/** The plain-words refusal of an unsafe character (the UI prefixes the field's label). */
export const UNSAFE_TEXT_MESSAGE = "must not contain control characters, text-direction overrides or broken characters";

/**
 * Where a JSON value holds a broken character (a lone surrogate) in any string, key or value, as
 * the path to it; null when none does. JSON.stringify writes one as a `\ud800` escape, and SQLite's
 * JSON functions decode that escape into bytes that are not UTF-8, which the database driver
 * cannot read back (libSQL's client aborts the process): such text is refused wherever it comes in.
 */
export function brokenTextPath(value: unknown): Array<string | number> | null {
  // The path is rebuilt only for the node that holds one (from parent links): building it for
  // every node cost more than the check itself, which runs on every pushed mutation.
  type Node = { node: unknown; key: string | number | null; parent: Node | null };
  const pathOf = (at: Node): Array<string | number> => {
    const path: Array<string | number> = [];
    for (let n: Node | null = at; n && n.key !== null; n = n.parent) path.unshift(n.key);
    return path;
  };
  const stack: Node[] = [{ node: value, key: null, parent: null }];
  while (stack.length) {
    const at = stack.pop()!;
    const { node } = at;
    if (typeof node === "string") {
      if (LONE_SURROGATE_PATTERN.test(node)) return pathOf(at);
      continue;
    }
    if (node === null || typeof node !== "object") continue;
    const isList = Array.isArray(node);
    for (const [key, child] of Object.entries(node)) {
      const entry = { node: child, key: isList ? Number(key) : key, parent: at };
      if (LONE_SURROGATE_PATTERN.test(key)) return pathOf(entry);
      stack.push(entry);
    }
  }
  return null;
}

/**
 * What a mutation's arguments are refused for before any rule runs, in one walk: "deep" when an
 * object or list sits `maxDepth` levels down (as jsonBoundError with no size bound), else "broken"
 * when a string or key holds a broken character (brokenTextPath then says where), else null. The
 * recursion stops at `maxDepth`, and it allocates nothing per node: the two walks it replaces,
 * each building a stack entry per value, cost a few percent of a push's server CPU.
 */
export function argsWalkError(value: unknown, maxDepth: number): "deep" | "broken" | null {
  const walk = { maxDepth, broken: false };
  if (tooDeep(walk, value, 0)) return "deep";
  return walk.broken ? "broken" : null;
}

/**
 * argsWalkError's walk: true when too deep (that refusal wins over a broken character found before
 * it), noting a broken character in `walk`. At module level, not a closure per call: the API runs
 * through tsx, which names every closure as it is created (a `__name` call per push mutation).
 */
function tooDeep(walk: { maxDepth: number; broken: boolean }, node: unknown, depth: number): boolean {
  if (typeof node === "string") {
    if (!walk.broken && LONE_SURROGATE_PATTERN.test(node)) walk.broken = true;
    return false;
  }
  if (node === null || typeof node !== "object") return false;
  if (depth >= walk.maxDepth) return true;
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) if (tooDeep(walk, node[i], depth + 1)) return true;
    return false;
  }
  for (const key of Object.keys(node)) {
    if (!walk.broken && LONE_SURROGATE_PATTERN.test(key)) walk.broken = true;
    if (tooDeep(walk, (node as Record<string, unknown>)[key], depth + 1)) return true;
  }
  return false;
}

/** The text with each broken character (a lone surrogate) replaced by U+FFFD, the replacement character. */
export function replaceBrokenCharacters(text: string): string {
  return text.replace(new RegExp(LONE_SURROGATE, "g"), "\ufffd");
}

/** Whether a short text (a name, a title, a tag) holds a character it may not. */
export function hasUnsafeCharacters(value: string): boolean {
  return UNSAFE_SHORT.test(value);
}

// Every unsafe character of a text at once (a replacement starts from the text's beginning whatever the last did).
const UNSAFE_SHORT_ALL = new RegExp(UNSAFE_SHORT.source, "g");

/**
 * A text with every character a name may not hold removed (see UNSAFE_SHORT), line breaks and tabs
 * turned into spaces: what the extractor keeps of a page's text, so a capture never fails on them.
 */
export function stripUnsafeCharacters(value: string): string {
  // Most texts hold none (tabs and line breaks are among them): no replacement then.
  if (!UNSAFE_SHORT.test(value)) return value.trim();
  return value
    .replace(/[\t\n\r]+/g, " ")
    .replace(UNSAFE_SHORT_ALL, "")
    .trim();
}

/** A short, trimmed, non-empty string of printable characters. */
export const ShortText = z
  .string()
  .trim()
  .min(1)
  .max(MAX_SHORT)
  .refine((value) => !UNSAFE_SHORT.test(value), UNSAFE_TEXT_MESSAGE);
/** A short string that may be empty or null. */
export const OptionalShortText = z
  .string()
  .trim()
  .max(MAX_SHORT)
  .refine((value) => !UNSAFE_SHORT.test(value), UNSAFE_TEXT_MESSAGE)
  .nullable();
/** Free text (notes, bodies, addresses) of at most `max` characters: line breaks allowed, NUL and broken characters not. */
export function longText(max: number) {
  return z
    .string()
    .max(max)
    .refine((value) => !UNSAFE_LONG.test(value), UNSAFE_TEXT_MESSAGE);
}

/** An email address, normalized to lower case. */
export const EmailSchema = z
  .string()
  .trim()
  .max(254)
  .toLowerCase()
  .pipe(z.email({ pattern: z.regexes.html5Email }));

/**
 * What a phone number looks like: an optional leading +, digits with the usual separators (spaces,
 * dashes, dots, slashes, brackets) and an optional extension (`ext. 12`, `x12`, `#12`), with at
 * least three digits. Text (`call me maybe`) and formulas (`=1+1`) are not phone numbers.
 */
const PHONE_SHAPE = /^\+?[\d\s()./-]*\d[\d\s()./-]*(?:\s*(?:ext\.?|extension|x|#)\s*\d{1,8})?$/i;
/** Whether a text reads as a phone number (see PhoneSchema). */
export function isPhoneLike(value: string): boolean {
  const text = value.trim().replace(/^tel:/i, "");
  return PHONE_SHAPE.test(text) && (text.match(/\d/g)?.length ?? 0) >= 3;
}
/** The plain-words refusal of something that is not a phone number. */
const PHONE_MESSAGE =
  "is not a phone number: use digits with spaces, dashes, dots or brackets, an optional + and extension";

/** A phone number as captured: E.164 when it parsed, else as written (but shaped like a phone number). */
export const PhoneSchema = z.string().trim().min(3).max(40).refine(isPhoneLike, PHONE_MESSAGE);

/** An absolute http(s) URL. */
export const UrlSchema = z
  .string()
  .trim()
  .max(2048)
  .refine((value) => /^https?:\/\//i.test(value) && URL.canParse(value), "must be an absolute http(s) URL")
  .refine((value) => !UNSAFE_SHORT.test(value), UNSAFE_TEXT_MESSAGE);

/**
 * A link a person may follow from the timeline or a record: http(s), mailto or tel only, so
 * `javascript:` (or `data:`) can never be stored and rendered as a link.
 */
export function isSafeLink(value: string): boolean {
  return /^(?:https?:\/\/|mailto:|tel:)/i.test(value.trim()) && URL.canParse(value.trim());
}
/** The plain-words refusal of a link with another scheme. */
export const LINK_MESSAGE = "must be an http(s), mailto or tel link";
/** A link as `source.url` and `activity.data.url` hold it (see isSafeLink). */
export const LinkSchema = z
  .string()
  .trim()
  .max(2048)
  .refine(isSafeLink, LINK_MESSAGE)
  .refine((value) => !UNSAFE_SHORT.test(value), UNSAFE_TEXT_MESSAGE);

/** A tag: short label, trimmed. */
export const TagSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .refine((value) => !UNSAFE_SHORT.test(value), UNSAFE_TEXT_MESSAGE);

/** Deepest nesting of a free-form value (activity data): objects and arrays inside each other. */
export const MAX_JSON_DEPTH = 8;
/** Largest free-form value, as JSON text (activity data). */
export const MAX_JSON_BYTES = 16_384;
/**
 * Largest record, as the JSON of its data: every pull page carries records whole, so one record may
 * never grow past what a page can hold (a full lead with 50 emails, phones and links and their
 * provenance stays well under it).
 */
export const MAX_RECORD_BYTES = 256 * 1024;
/**
 * Whether `JSON.stringify(value)` is surely at most `limit` characters long, and at most `limit`
 * bytes as UTF-8, told from the lengths of its strings and keys without building the text (a
 * UTF-16 unit escapes to at most six ASCII characters, or takes at most three bytes unescaped):
 * false when it may be longer, or when `value` holds anything but plain JSON values (then measure
 * the text). A push checks every record's size; the text it built only to measure was 1–2% of a push.
 */
export function jsonSurelyWithin(value: unknown, limit: number): boolean {
  return jsonLengthBound(value, limit) <= limit;
}

/** An upper bound of `JSON.stringify(value).length`, or any number past `budget` once it is exceeded. */
function jsonLengthBound(value: unknown, budget: number): number {
  switch (typeof value) {
    case "string":
      return 6 * value.length + 2;
    case "number":
      // The longest number JSON writes is 25 characters: a sign, "0.", five zeros and 17 digits
      // (-0.0000012345678901234567, just above 1e-6, where the exponent form starts); the exponent
      // form is at most 24 (-2.2250738585072014e-308). A non-finite one is `null`.
      return 25;
    case "boolean":
    case "undefined":
      return 5;
    case "object":
      break;
    default:
      return Number.POSITIVE_INFINITY;
  }
  if (value === null) return 4;
  let total = 2;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length && total <= budget; i++) total += jsonLengthBound(value[i], budget - total) + 1;
    return total;
  }
  const proto = Object.getPrototypeOf(value);
  if ((proto !== Object.prototype && proto !== null) || typeof (value as { toJSON?: unknown }).toJSON === "function")
    return Number.POSITIVE_INFINITY;
  for (const key of Object.keys(value)) {
    // The key quoted and escaped, its colon and comma.
    total += 6 * key.length + 4 + jsonLengthBound((value as Record<string, unknown>)[key], budget - total);
    if (total > budget) return total;
  }
  return total;
}

/** Most keys in a map keyed by user values (custom fields, provenance). */
export const MAX_KEYS = 200;

/**
 * Why a free-form value is refused, or null: nested deeper than `maxDepth`, or larger than
 * `maxBytes` as JSON. The walk stops at the first level too deep, so a value nested 100,000 levels
 * costs no more than one nested `maxDepth` (and never overflows the stack or JSON.stringify).
 */
export function jsonBoundError(value: unknown, maxDepth = MAX_JSON_DEPTH, maxBytes = MAX_JSON_BYTES): string | null {
  const stack: Array<[unknown, number]> = [[value, 0]];
  let nodes = 0;
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== "object") continue;
    if (depth >= maxDepth) return `is nested too deeply: at most ${maxDepth} levels`;
    // Each node costs at least two bytes of JSON: more nodes than that cannot fit.
    if (++nodes > maxBytes / 2) return `is too large: at most ${maxBytes.toLocaleString("en")} bytes`;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  if (maxBytes === Number.POSITIVE_INFINITY) return null;
  const text = JSON.stringify(value);
  if (text !== undefined && new TextEncoder().encode(text).length > maxBytes)
    return `is too large: at most ${maxBytes.toLocaleString("en")} bytes`;
  return null;
}

/** A free-form JSON object of bounded depth and size (see jsonBoundError). */
export function boundedJsonObject(maxDepth = MAX_JSON_DEPTH, maxBytes = MAX_JSON_BYTES) {
  return z.record(z.string().max(64), z.unknown()).superRefine((value, ctx) => {
    // The object itself is one level.
    const error = jsonBoundError(value, maxDepth + 1, maxBytes);
    if (error) ctx.addIssue({ code: "custom", message: error });
  });
}

/** The kinds of records the workspace holds. */
export const RECORD_TYPES = ["lead", "contact", "company", "deal", "activity", "task"] as const;
/** One kind of record. */
export const RecordTypeSchema = z.enum(RECORD_TYPES);
export type RecordType = z.infer<typeof RecordTypeSchema>;

/** A pointer to the record an activity or task is about. */
export const SubjectRefSchema = z.object({ type: RecordTypeSchema, id: IdSchema });
export type SubjectRef = z.infer<typeof SubjectRefSchema>;

/** Values of custom fields, by field key. Validated against definitions in workspace settings. */
export const CustomFieldValuesSchema = z
  .record(
    z.string().max(64),
    z.union([
      z
        .string()
        .max(MAX_SHORT * 4)
        .refine((value) => !UNSAFE_LONG.test(value), UNSAFE_TEXT_MESSAGE),
      z.number(),
      z.null(),
    ]),
  )
  .refine((values) => Object.keys(values).length <= MAX_KEYS, `has too many fields: at most ${MAX_KEYS}`);
export type CustomFieldValues = z.infer<typeof CustomFieldValuesSchema>;

/** Where a value came from: the page or message, the method and who captured it when. */
export const ProvenanceSchema = z.object({
  url: z.string().max(2048).nullable(),
  method: z.string().max(40),
  at: IsoDateTimeSchema,
  by: z.string().max(64).nullable(),
});
export type Provenance = z.infer<typeof ProvenanceSchema>;

/** Where each field's values came from, by field name: a bounded map (a field has a name of at most 64 characters). */
export const ProvenanceMapSchema = z
  .record(z.string().max(64), z.array(ProvenanceSchema).max(20))
  .refine((map) => Object.keys(map).length <= 40, "has too many fields: at most 40");

/** Fields every stored record carries. */
export const BaseRecordShape = {
  id: IdSchema,
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
};

/** Set-valued fields: merged as add-wins sets by sync, union on merge. */
export const SET_FIELDS = ["emails", "phones", "tags", "urls"] as const;
export type SetField = (typeof SET_FIELDS)[number];
export function isSetField(field: string): field is SetField {
  return (SET_FIELDS as readonly string[]).includes(field);
}
