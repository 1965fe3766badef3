// Reads the open message from Gmail's DOM. Gmail's class names are generated and change; every field
// keeps its alternatives, newest first, with where each comes from. Imports stay DOM-only so the
// always-on Gmail content script can bundle this alone and send the raw message to the background.
import { ownTextFromHtmlBody } from "./html-quotes.ts";
import { mailboxFromText, queryAllFirst, queryFirst, text } from "./mail-dom.ts";
import type { Mailbox, RawMessage } from "./message.ts";

const SUBJECT = [
  "h2.hP", // thread subject heading (2014–today)
  "h2[data-thread-perm-id]", // same heading, by its data attribute
  'div[role="main"] h2', // any heading of the main pane
];
const MESSAGE = [
  "div.adn.ads", // an expanded message in the thread view
  "div[data-message-id]", // messages by their id attribute
  'div[role="listitem"]', // thread items, accessible markup
];
const SENDER = [
  "span.gD[email]", // sender chip: `email` and `name` attributes, display name as text
  "h3.iw span[email]", // sender line heading
  "span[email][name]", // any person chip with both attributes
];
const DATE = [
  "span.g3[title]", // message time, full date in the title
  "span.g3", // message time without a title
  "td.gH span[title]", // header cell holding the time
];
const RECIPIENT = [
  "span.g2[email]", // recipient chips in the "to me, …" line
  "div.hb span[email]", // same line, by its container
];
const DETAIL_ROWS = [
  "table.ajC tr", // "show details" table: from / to / cc / date rows
];
const BODY = [
  "div.a3s.aiL", // message body (2019–today)
  "div.a3s", // message body, older class list
  "div.ii.gt div", // body wrapper
];

function chipMailbox(el: Element): Mailbox | null {
  const address = el.getAttribute("email");
  if (!address) return mailboxFromText(text(el));
  return { name: el.getAttribute("name") || text(el), address: address.toLowerCase() };
}

/** The open (last expanded) message of a Gmail thread page, read from the DOM; null when no message is open. */
export function readGmailMessage(doc: Document): RawMessage | null {
  const messages = queryAllFirst(doc, MESSAGE);
  const message = messages[messages.length - 1] ?? doc.body;
  if (!message) return null;
  const body = queryFirst(message, BODY);
  const senderEl = queryFirst(message, SENDER);
  if (!body && !senderEl) return null;
  const to: Mailbox[] = [];
  const cc: Mailbox[] = [];
  const rows = queryAllFirst(message, DETAIL_ROWS);
  for (const row of rows) {
    const label = (text(row.querySelector("td")) ?? "").toLowerCase();
    const list = label.startsWith("cc") ? cc : label.startsWith("to") ? to : null;
    if (list)
      for (const chip of row.querySelectorAll("span[email]")) {
        const box = chipMailbox(chip);
        if (box) list.push(box);
      }
  }
  if (rows.length === 0) {
    for (const chip of queryAllFirst(message, RECIPIENT)) {
      const box = chipMailbox(chip);
      if (box) to.push(box);
    }
  }
  const dateEl = queryFirst(message, DATE);
  return {
    from: senderEl ? chipMailbox(senderEl) : null,
    to,
    cc,
    subject: text(queryFirst(doc, SUBJECT)),
    date: dateEl?.getAttribute("title") || text(dateEl),
    text: body ? ownTextFromHtmlBody(body) : null,
    html: body ? body.innerHTML : null,
  };
}
