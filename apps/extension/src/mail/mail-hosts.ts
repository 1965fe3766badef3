import { WEBMAIL_HOSTS } from "@leadpane/domain";

/** The web mail hosts the always-on content scripts run on (keep in step with their `matches`). */
export const MAIL_HOSTS: readonly string[] = WEBMAIL_HOSTS;

/** Whether an address is a web mail page whose open message the side panel can read. */
export function isMailUrl(url: string): boolean {
  try {
    const { protocol, hostname } = new URL(url);
    return protocol === "https:" && MAIL_HOSTS.includes(hostname);
  } catch {
    return false;
  }
}

/** The built content script of a mail page (to inject into a tab opened before the extension was installed). */
export function contentScriptFor(url: string): string | null {
  if (!isMailUrl(url)) return null;
  return new URL(url).hostname === "mail.google.com" ? "/content-scripts/gmail.js" : "/content-scripts/outlook.js";
}
