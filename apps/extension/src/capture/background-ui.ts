import {
  notifyDueTasks,
  openTaskFromNotification,
  REMINDER_SWEEP_ALARM,
  TASK_ALARM_PREFIX,
  TASK_NOTIFICATION_PREFIX,
} from "../local-db/reminders.ts";
import { loadHandlers } from "../worker/load-handlers.ts";
import { SAVE_SELECTION_MENU } from "./selection-menu.ts";

/** The keyboard command that opens the dashboard (the capture shortcut is `_execute_action`). */
const OPEN_DASHBOARD_COMMAND = "open-dashboard";
const SELECTION_NOTIFICATION_PREFIX = "leadpane-selection:";

/**
 * The worker's listeners for what the rep does outside extension pages: the "Save selection as
 * lead" context menu, task reminders (alarms → notifications) and the dashboard shortcut. Sync
 * is wired separately; this adds listeners only, so the worker's other duties are untouched.
 */
export function installUiListeners(onSaved: () => void): void {
  browser.runtime.onInstalled.addListener(() => {
    // Menus survive worker restarts but not reinstalls; removeAll avoids a duplicate-id error.
    void browser.contextMenus.removeAll().then(() =>
      browser.contextMenus.create({
        id: SAVE_SELECTION_MENU,
        title: "Save selection as lead",
        contexts: ["selection"],
      }),
    );
  });
  void browser.alarms.create(REMINDER_SWEEP_ALARM, { periodInMinutes: 1 });

  browser.contextMenus.onClicked.addListener((info, tab) => {
    const text = info.selectionText;
    if (info.menuItemId !== SAVE_SELECTION_MENU || !text) return;
    void saveSelectionFromMenu(text, { url: tab?.url ?? info.pageUrl ?? "", title: tab?.title ?? "" }, onSaved);
  });

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === REMINDER_SWEEP_ALARM || alarm.name.startsWith(TASK_ALARM_PREFIX)) void notifyDueTasks();
  });

  browser.notifications.onClicked.addListener((id) => {
    if (id.startsWith(TASK_NOTIFICATION_PREFIX)) void openTaskFromNotification(id);
    else if (id.startsWith(SELECTION_NOTIFICATION_PREFIX) && !id.endsWith("none")) {
      const leadId = id.slice(SELECTION_NOTIFICATION_PREFIX.length);
      void browser.tabs.create({
        url: browser.runtime.getURL(`/dashboard.html#/record/lead/${leadId}` as "/dashboard.html"),
      });
    }
  });

  browser.commands.onCommand.addListener((command) => {
    if (command === OPEN_DASHBOARD_COMMAND)
      void browser.tabs.create({ url: browser.runtime.getURL("/dashboard.html") });
  });
}

/**
 * What the "Save selection as lead" menu item does with the selected text: saves it (the worker's
 * heavy part, loaded now if no round did yet), then says what it did in a notification that opens
 * the lead. Never throws (a failure goes to the console).
 */
export async function saveSelectionFromMenu(
  text: string,
  page: { url: string; title: string },
  onSaved: () => void,
): Promise<void> {
  try {
    const outcome = await (await loadHandlers()).saveSelectionAsLead(text, page);
    if (outcome.ok) onSaved();
    await browser.notifications.create(`${SELECTION_NOTIFICATION_PREFIX}${outcome.ok ? outcome.leadId : "none"}`, {
      type: "basic",
      iconUrl: browser.runtime.getURL("/icon/128.png" as "/"),
      title: outcome.ok ? `Saved ${outcome.name} as a lead` : "Nothing saved",
      message: outcome.ok ? "Click to open the lead." : outcome.reason,
    });
  } catch (error) {
    console.error("save selection failed", error);
  }
}
