import type { SubjectRef } from "../common.ts";

/** Where one column of an import goes: a record field, a custom field (`custom:<key>`), or nowhere. */
export const IMPORT_FIELDS = [
  "name",
  "firstName",
  "lastName",
  "email",
  "phone",
  "companyName",
  "title",
  "website",
  "status",
  "owner",
  "tags",
  "notes",
  "ignore",
] as const;
/** A column's destination. */
export type ImportTarget = (typeof IMPORT_FIELDS)[number] | `custom:${string}`;
/** One target per column, in the file's column order. */
export type ImportMapping = ImportTarget[];

/** What applies to every imported row unless a column says otherwise (tags are added to the row's). */
export interface ImportDefaults {
  status?: "new" | "working" | "qualified";
  ownerId?: string | null;
  tags?: string[];
}

/** A row read into record fields, already normalised (emails lower case, phones E.164 where they parse). */
export interface ImportDraft {
  name: string;
  emails: string[];
  phones: string[];
  title: string | null;
  companyName: string | null;
  website: string | null;
  status: "new" | "working" | "qualified";
  ownerId: string | null;
  tags: string[];
  custom: Record<string, string | number>;
  notes: string | null;
  /** The fields a column of the row gave (an update writes only these; defaults are for new records). */
  given: string[];
}

/** What an import does with one row. */
export type ImportAction = "create" | "update" | "skip" | "error";
/** What to do with a row that matches an existing record. */
export type OnMatch = "update" | "create" | "skip";

/** One field an update changes: a value replaced (`from` → `to`), or values added to a list field. */
export type FieldChange =
  | { field: string; from: unknown; to: unknown }
  | { field: "emails" | "phones" | "tags"; added: string[] };

/** The plan for one row, in plain words. */
export interface RowPlan {
  /** The row's number in the file, counting its first data row as 1. */
  row: number;
  action: ImportAction;
  /** Why, in words a rep reads ("Same email as Jane Doe (contact)"). */
  reason: string;
  /** The actions the user may choose instead. */
  choices: ImportAction[];
  draft?: ImportDraft;
  /** The existing record a match points at (what an update writes to). */
  target?: SubjectRef & { name: string };
  /** What an update would change (empty: nothing new). */
  changes?: FieldChange[];
  /** The earlier row of the same file this one repeats. */
  duplicateOf?: number;
  /** Problems with the row's values, one sentence each. */
  errors?: string[];
}

/** How many rows each action takes. */
export interface ImportCounts {
  created: number;
  updated: number;
  skipped: number;
  failed: number;
}
