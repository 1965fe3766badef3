// Types only: the mail-site content scripts import this without pulling in any parser.

/** A mailbox: display name (when given) and address. */
export interface Mailbox {
  name: string | null;
  address: string;
}

/** An email message as read from a mail site's DOM or an .eml file, before any extraction. */
export interface RawMessage {
  from: Mailbox | null;
  to: Mailbox[];
  cc: Mailbox[];
  subject: string | null;
  /** ISO 8601 when known, else the date as the mail site shows it. */
  date: string | null;
  text?: string | null;
  html?: string | null;
}
