// Reads the open message from Outlook on the web (outlook.office.com, outlook.live.com). Outlook's
// class names are generated per build, so its accessible markup (roles, aria-labels, test ids) comes
// first; each alternative says where it comes from. DOM-only imports, for the always-on content script.
import { ownTextFromHtmlBody } from "./html-quotes.ts";
import { mailboxFromText, queryAllFirst, queryFirst, text } from "./mail-dom.ts";
import type { Mailbox, RawMessage } from "./message.ts";

const PANE = [
  'div[aria-label="Reading Pane"]', // reading pane region
  "#ReadingPaneContainerId", // reading pane container id
  'div[data-app-section="MailReadCompose"]', // read/compose section
  'div[role="main"]', // main region
];
const SUBJECT = [
  'div[role="heading"][aria-level="2"] span[title]', // conversation subject, full text in the title
  'div[role="heading"][aria-level="2"]', // conversation subject heading
  'span[id$="_SUBJECT"]', // single-message view subject
];
const MESSAGE = [
  'div[aria-label="Email message"]', // one message of the conversation
  'div[data-testid="ConversationReadingPaneContainer"] div[tabindex="-1"][aria-expanded="true"]', // expanded item
];
const SENDER = [
  'span[aria-label^="From:"]', // sender persona: aria-label "From: Jane Doe", text "Jane Doe<jane@acme.com>"
  'div[data-testid="SenderPersona"]', // sender persona by test id
  "span.OZZZK", // sender text span (2023 build)
];
const DATE = [
  'div[data-testid="SentReceivedSavedTime"]', // message time
  'div[aria-label^="Sent:"]', // "Sent: Tue 11/18/2025 10:04 AM"
];
const TO = [
  'div[aria-label^="To:"] span', // recipient chips of the To line
  'div[data-testid="RecipientWell"] span[title]', // recipient well, address in the title
];
const CC = [
  'div[aria-label^="Cc:"] span', // recipient chips of the Cc line
];
const BODY = [
  'div[aria-label="Message body"]', // message body region
  'div[role="document"]', // message body document role
  "div.allowTextSelection", // body wrapper (older builds)
];

function mailboxes(elements: Element[]): Mailbox[] {
  const out: Mailbox[] = [];
  for (const el of elements) {
    const box = mailboxFromText(el.getAttribute("title") ?? text(el)) ?? mailboxFromText(text(el));
    if (box && !out.some((m) => m.address === box.address)) out.push(box);
  }
  return out;
}

/** The open message in Outlook on the web, read from the DOM; null when no message is open. */
export function readOutlookMessage(doc: Document): RawMessage | null {
  const pane = queryFirst(doc, PANE) ?? doc.body;
  if (!pane) return null;
  const messages = queryAllFirst(pane, MESSAGE);
  const message = messages[messages.length - 1] ?? pane;
  const body = queryFirst(message, BODY);
  const senderEl = queryFirst(message, SENDER);
  if (!body && !senderEl) return null;
  let from = senderEl
    ? (mailboxFromText(senderEl.getAttribute("title") ?? text(senderEl)) ?? mailboxFromText(text(senderEl)))
    : null;
  if (from && !from.name) {
    const label = senderEl
      ?.getAttribute("aria-label")
      ?.replace(/^From:\s*/i, "")
      .trim();
    if (label && !label.includes("@")) from = { ...from, name: label };
  }
  const subjectEl = queryFirst(pane, SUBJECT);
  const dateEl = queryFirst(message, DATE);
  return {
    from,
    to: mailboxes(queryAllFirst(message, TO)),
    cc: mailboxes(queryAllFirst(message, CC)),
    subject: subjectEl?.getAttribute("title") || text(subjectEl),
    date: text(dateEl)?.replace(/^Sent:\s*/i, "") ?? null,
    text: body ? ownTextFromHtmlBody(body) : null,
    html: body ? body.innerHTML : null,
  };
}
