import { MESSAGES, type MailActionReply, type WorkerRequest } from "../messaging.ts";
import { currentSyncState, requestSync } from "../sync/scheduler.ts";
import { SYNC_TEST_HOOKS, syncTestHooks } from "../sync/test-hooks.ts";
import { exposeToTests } from "../test-seam.ts";
import { installUiListeners } from "../capture/background-ui.ts";
import { importOnInstall, loadHandlers } from "../worker/load-handlers.ts";

const SYNC_ALARM = "leadpane-sync";

export default defineBackground(() => {
  // What needs the domain's mutation handlers (a sync round, the mail buttons, "save selection")
  // is a second script, loaded when first needed; Chrome lets a worker do that only with a script
  // it imported while installing (worker/load-handlers.ts).
  importOnInstall();
  // Chrome stops idle workers after ~30 s; the alarm wakes a fresh one to pull and to retry pushes.
  void browser.alarms.create(SYNC_ALARM, { periodInMinutes: 0.5 });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) void requestSync();
  });

  browser.runtime.onMessage.addListener((message: WorkerRequest, _sender, sendResponse) => {
    if (message?.type === MESSAGES.syncNow) {
      void requestSync().then(currentSyncState).then(sendResponse);
      return true;
    }
    if (message?.type === MESSAGES.mailAction) {
      // The mail sites' buttons: saved locally here, then pushed like any other change.
      void loadHandlers()
        .then(({ handleMailAction }) => handleMailAction(message))
        .catch((error: unknown): MailActionReply => {
          console.error("mail action failed", error);
          return { ok: false, text: "Leadpane could not save this: reload the page and try again." };
        })
        .then((reply) => {
          sendResponse(reply);
          if (reply.ok) void requestSync();
        });
      return true;
    }
    if (message?.type === MESSAGES.getSyncState) {
      void currentSyncState().then(sendResponse);
      return true;
    }
    return false;
  });

  // Context menu, task reminders and shortcuts (UI); a saved selection is pushed right away.
  installUiListeners(() => void requestSync());

  browser.runtime.onStartup.addListener(() => void requestSync());
  browser.runtime.onInstalled.addListener(() => void requestSync());
  // A worker woken by anything (a message, an alarm) also resumes an interrupted sync.
  void requestSync();
  // Back online: push what was queued offline now rather than at the next alarm.
  self.addEventListener("online", () => void requestSync());
  exposeToTests(SYNC_TEST_HOOKS, syncTestHooks);
});
