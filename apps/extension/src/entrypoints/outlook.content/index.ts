import { OUTLOOK } from "../../mail/outlook-site.ts";
import { startMailPage } from "../../mail/mail-page.ts";

// Always on, but only on Outlook on the web (work, personal and Microsoft 365 addresses).
export default defineContentScript({
  matches: ["https://outlook.office.com/*", "https://outlook.live.com/*", "https://outlook.office365.com/*"],
  runAt: "document_idle",
  main(ctx) {
    startMailPage(OUTLOOK, ctx.signal);
  },
});
