import { readGmailMessage } from "@leadpane/domain/extract";
import type { MailSite } from "./mail-page.ts";

/** Gmail: the domain's reader, and where the sender line of the open message is. */
export const GMAIL: MailSite = {
  read: readGmailMessage,
  anchors: [
    "h3.iw", // sender line heading of each message in a thread (holds span.gD)
    "span.gD[email]", // the sender chip itself, if the heading class changes
    "div.adn.ads span[email][name]", // any person chip inside an expanded message
  ],
};
