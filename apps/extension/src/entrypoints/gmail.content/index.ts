import { GMAIL } from "../../mail/gmail-site.ts";
import { startMailPage } from "../../mail/mail-page.ts";

// Always on, but only on Gmail: reads the open message and adds "Capture sender" / "Log this email".
export default defineContentScript({
  matches: ["https://mail.google.com/*"],
  runAt: "document_idle",
  main(ctx) {
    startMailPage(GMAIL, ctx.signal);
  },
});
