import type { RawMessage } from "@leadpane/domain/extract";
import { MESSAGES, type OpenMail } from "../messaging.ts";

/**
 * The message open in a mail tab right now, asked once over the mail port: null when none is open
 * (or the site is on the never-capture list), undefined when no content script answers (a tab
 * opened before the extension was installed or updated has none until it reloads).
 */
export function openMessageOf(tabId: number, timeoutMs = 2_000): Promise<RawMessage | null | undefined> {
  return new Promise((resolve) => {
    const port = browser.tabs.connect(tabId, { name: MESSAGES.mailPort });
    const done = (message: RawMessage | null | undefined) => {
      clearTimeout(timer);
      port.disconnect();
      resolve(message);
    };
    const timer = setTimeout(() => done(undefined), timeoutMs);
    port.onMessage.addListener((note: OpenMail) => done(note?.type === MESSAGES.mailOpened ? note.message : null));
    port.onDisconnect.addListener(() => {
      void browser.runtime.lastError; // no content script in that tab: not an error worth logging
      done(undefined);
    });
  });
}
