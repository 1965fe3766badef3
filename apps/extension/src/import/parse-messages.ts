/** What the page asks the parse worker: read this file. */
export interface ParseRequest {
  file: File;
  format: "csv" | "vcard";
}

/** What the parse worker answers: progress while it reads, then the rows or why it could not. */
export type ParseReply =
  | { type: "progress"; rows: number }
  | { type: "done"; headers: string[]; rows: string[][]; problems: string[] }
  | { type: "failed"; message: string };
