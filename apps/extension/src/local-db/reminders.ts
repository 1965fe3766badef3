import { recordLabel } from "@leadpane/domain";
import { isRecordOf, recordsOf } from "@leadpane/domain/sync";
import { getSession, STORAGE_KEYS } from "../chrome-storage.ts";
import { db } from "./db.ts";
import { visibleGet, visibleOfTypes } from "./visible-records.ts";

/** Prefix of the alarm set for one task's due time: `leadpane-task:<id>`. */
export const TASK_ALARM_PREFIX = "leadpane-task:";
/** The periodic alarm that also catches tasks synced from teammates (assigned to this rep). */
export const REMINDER_SWEEP_ALARM = "leadpane-reminders";
/** Prefix of a reminder notification's id, so a click opens the task's record. */
export const TASK_NOTIFICATION_PREFIX = "leadpane-task:";

/** Sets the browser alarm that fires when a task falls due (a page may set it; the worker handles it). */
export async function scheduleReminder(taskId: string, dueAt: string): Promise<void> {
  const when = Date.parse(dueAt);
  if (!Number.isFinite(when)) return;
  await browser.alarms.create(`${TASK_ALARM_PREFIX}${taskId}`, { when: Math.max(when, Date.now() + 1000) });
}

/**
 * Shows a notification for every task of this rep that is due and not done and was not shown yet.
 * Run on the task's own alarm and on a periodic sweep, so a reminder survives a restarted worker
 * and reaches tasks a teammate assigned; "shown" is remembered in storage, so it fires once.
 */
export async function notifyDueTasks(now = Date.now()): Promise<number> {
  const session = await getSession();
  if (!session) return 0;
  const stored = await browser.storage.local.get(STORAGE_KEYS.notifiedTasks);
  const notified = new Set((stored[STORAGE_KEYS.notifiedTasks] as string[] | undefined) ?? []);
  const rows = await visibleOfTypes(db, ["task"]);
  const due = recordsOf(rows, "task")
    .filter((r) => !r.deleted)
    .map((r) => r.data)
    .filter(
      (t) =>
        !t.done &&
        t.dueAt &&
        Date.parse(t.dueAt) <= now &&
        (t.assigneeId ?? session.member.id) === session.member.id &&
        !notified.has(t.id),
    );
  for (const task of due) {
    const subject = task.subject ? await visibleGet(db, task.subject.type, task.subject.id) : undefined;
    const about = subject ? recordLabel(subject.type, subject.data) : "";
    await browser.notifications.create(`${TASK_NOTIFICATION_PREFIX}${task.id}`, {
      type: "basic",
      iconUrl: browser.runtime.getURL("/icon/128.png" as "/"),
      title: `Due: ${task.title}`,
      message: about ? `About ${about}` : "A Leadpane task is due",
      priority: 1,
    });
    notified.add(task.id);
  }
  if (due.length) await browser.storage.local.set({ [STORAGE_KEYS.notifiedTasks]: [...notified].slice(-2000) });
  return due.length;
}

/** Opens the record a reminder is about in the dashboard (or the tasks view). */
export async function openTaskFromNotification(notificationId: string): Promise<void> {
  const taskId = notificationId.slice(TASK_NOTIFICATION_PREFIX.length);
  const row = await visibleGet(db, "task", taskId);
  const task = row && isRecordOf(row, "task") ? row.data : undefined;
  const hash = task?.subject ? `#/record/${task.subject.type}/${task.subject.id}` : "#/tasks";
  await browser.tabs.create({ url: browser.runtime.getURL(`/dashboard.html${hash}` as "/dashboard.html") });
}
