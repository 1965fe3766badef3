import { readOutlookMessage } from "@leadpane/domain/extract";
import type { MailSite } from "./mail-page.ts";

/** Outlook on the web: the domain's reader, and where the sender of the open message is. */
export const OUTLOOK: MailSite = {
  read: readOutlookMessage,
  anchors: [
    'div[data-testid="SenderPersona"]', // sender persona block (current builds)
    'span[aria-label^="From:"]', // sender persona by its accessible label
    "span.OZZZK", // sender text span (2023 build)
  ],
};
