import type { z } from "zod";

/**
 * Validation failures in the words a rep reads beside a field ("Name is required",
 * "'aoife at pipedream dot io' is not an email address"). zod's own messages ("Too small: expected
 * string to have >=1 characters") are for developers and never reach the UI.
 */

/** What a field is called on screen, by the first key of an issue's path ("name" → "Name"). */
export type FieldLabels = Readonly<Record<string, string>>;

/** The labels of the record fields every form shares; forms add their own. */
export const FIELD_LABELS: FieldLabels = {
  name: "Name",
  title: "Title",
  companyName: "Company",
  emails: "Email",
  phones: "Phone",
  urls: "Link",
  website: "Website",
  domain: "Domain",
  location: "Location",
  address: "Address",
  postalAddress: "Address",
  street: "Street",
  locality: "City",
  postalCode: "Postcode",
  region: "Region",
  country: "Country",
  tags: "Tag",
  ownerId: "Owner",
  amount: "Amount",
  currency: "Currency",
  closeDate: "Close date",
  stage: "Stage",
  text: "Task",
  body: "Note",
  dueAt: "Due",
  assigneeId: "Assignee",
  unqualifiedReason: "Reason",
};

/** One issue in plain words. `value` is what the user typed, quoted back when that helps. */
export function plainIssue(issue: z.core.$ZodIssue, labels: FieldLabels = FIELD_LABELS, value?: unknown): string {
  const label = labelOf(issue.path, labels);
  const typed = typeof value === "string" ? quotable(value.trim()) : undefined;
  switch (issue.code) {
    case "too_small": {
      const min = Number(issue.minimum);
      if (issue.origin === "string") {
        return min <= 1 || typed === "" ? `${label} is required` : `${label} needs at least ${min} characters`;
      }
      if (issue.origin === "array" || issue.origin === "set") return `Add at least ${min} ${lower(label)}`;
      return `${label} must be at least ${min.toLocaleString("en")}`;
    }
    case "too_big": {
      const max = Number(issue.maximum);
      if (issue.origin === "string") return `${label} is too long: at most ${max.toLocaleString("en")} characters`;
      if (issue.origin === "array" || issue.origin === "set") {
        return `Too many: at most ${max.toLocaleString("en")} ${lower(label)} values`;
      }
      return `${label} must be at most ${max.toLocaleString("en")}`;
    }
    case "invalid_format":
      return formatMessage(label, issue.format, typed);
    case "invalid_type":
      // zod leaves `input` out of its issues unless asked: the value the caller passed tells as well.
      return (issue.input ?? value) === undefined || (issue.input ?? value) === null || typed === ""
        ? `${label} is required`
        : `${label} is not valid`;
    case "invalid_value":
      return `Choose one of the listed ${lower(label)} values`;
    case "custom":
      // Our own refinements already speak plain words ("must be an absolute http(s) URL").
      return typed ? `'${typed}' ${issue.message}` : `${label} ${issue.message}`;
    default:
      return `${label} is not valid`;
  }
}

/**
 * A form's errors by field: the first issue of each top-level field, in plain words. `input` is the
 * object the user submitted, so a set-valued field's bad entry can be quoted back.
 */
export function plainErrors(
  error: z.ZodError,
  input: Readonly<Record<string, unknown>> = {},
  labels: FieldLabels = FIELD_LABELS,
): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "");
    if (field in out) continue;
    out[field] = plainIssue(issue, labels, valueAt(input, issue.path));
  }
  return out;
}

function formatMessage(label: string, format: string, typed: string | undefined): string {
  const noun =
    format === "email"
      ? "an email address"
      : format === "url"
        ? "a web address (https://…)"
        : format === "datetime" || format === "date"
          ? "a date"
          : format === "uuid"
            ? "a known record"
            : `a valid ${lower(label)}`;
  return typed ? `'${typed}' is not ${noun}` : `${label} is not ${noun}`;
}

/** Longest part of a typed value quoted back: enough to recognise it, never a wall of text. */
const QUOTE_MAX = 60;
// Invisible or direction-changing characters: quoted as is, U+202E would make the rest of the
// sentence read backwards, and a NUL or line break would hide or split it.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]|[\ud800-\udfff]/gu;

/** A typed value as it can be quoted in a message: hidden characters shown as [U+202E], long text cut short. */
function quotable(typed: string): string {
  const chars = [...typed];
  const start = chars.length > QUOTE_MAX ? `${chars.slice(0, QUOTE_MAX).join("")}…` : typed;
  return start.replace(INVISIBLE, (c) => `[U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}]`);
}

function labelOf(path: readonly PropertyKey[], labels: FieldLabels): string {
  const key = String(path[0] ?? "");
  if (Object.hasOwn(labels, key)) return labels[key] as string;
  if (!key) return "This value";
  // customFields.fooBar → "Foo bar": better than the key, and custom fields carry their own labels.
  const last = String(path.findLast((part) => typeof part === "string") ?? key);
  const words = last.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/[_-]+/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1).toLowerCase();
}

function lower(label: string): string {
  return label.charAt(0).toLowerCase() + label.slice(1);
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let at: unknown = input;
  for (const part of path) {
    if (at === null || typeof at !== "object") return undefined;
    at = (at as Record<PropertyKey, unknown>)[part];
  }
  return at;
}
