import PostalMime from "postal-mime";
import type { Mailbox, RawMessage } from "./message.ts";

type PostalAddress = { name: string; address?: string; group?: Array<{ name: string; address: string }> };

function mailboxes(list: PostalAddress[] | undefined): Mailbox[] {
  const out: Mailbox[] = [];
  for (const entry of list ?? []) {
    if (entry.group) for (const m of entry.group) out.push({ name: m.name || null, address: m.address.toLowerCase() });
    else if (entry.address) out.push({ name: entry.name || null, address: entry.address.toLowerCase() });
  }
  return out;
}

/**
 * Parse an .eml file (RFC 5322 / MIME, with encoded words) into the message the extractor reads.
 * Throws when it is not a message.
 */
export async function parseEml(source: string | ArrayBuffer | Uint8Array): Promise<RawMessage> {
  const email = await PostalMime.parse(source);
  const from = mailboxes(email.from ? [email.from as PostalAddress] : [])[0] ?? null;
  if (!from && !email.subject && !email.text && !email.html)
    throw new Error("not an email message: no From, Subject or body");
  let date: string | null = email.date ?? null;
  if (date) {
    const parsed = new Date(date);
    date = Number.isNaN(parsed.getTime()) ? date : parsed.toISOString();
  }
  return {
    from,
    to: mailboxes(email.to as PostalAddress[] | undefined),
    cc: mailboxes(email.cc as PostalAddress[] | undefined),
    subject: email.subject ?? null,
    date,
    text: email.text ?? null,
    html: email.html ?? null,
  };
}
