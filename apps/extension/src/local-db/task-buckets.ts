import type { Task } from "@leadpane/domain";

/** Where a task stands in the day: the tasks view's sections. */
export type TaskBucket = "overdue" | "today" | "upcoming" | "someday" | "done";

/** The bucket of a task at `now`, days taken in the rep's local time zone. */
export function taskBucket(task: Pick<Task, "dueAt" | "done">, now: Date): TaskBucket {
  if (task.done) return "done";
  if (!task.dueAt) return "someday";
  const due = new Date(task.dueAt);
  if (due.getTime() < now.getTime()) return "overdue";
  const endOfToday = new Date(now);
  endOfToday.setHours(23, 59, 59, 999);
  return due.getTime() <= endOfToday.getTime() ? "today" : "upcoming";
}

/** Whether a task is past due and not done (shown highlighted). */
export function isOverdue(task: Pick<Task, "dueAt" | "done">, now: Date): boolean {
  return taskBucket(task, now) === "overdue";
}

/** Tasks grouped by bucket, each soonest first. */
export function groupTasks<T extends Pick<Task, "dueAt" | "done">>(
  tasks: readonly T[],
  now: Date,
): Record<TaskBucket, T[]> {
  const groups: Record<TaskBucket, T[]> = { overdue: [], today: [], upcoming: [], someday: [], done: [] };
  for (const task of tasks) groups[taskBucket(task, now)].push(task);
  for (const list of Object.values(groups))
    list.sort((a, b) => String(a.dueAt ?? "~").localeCompare(String(b.dueAt ?? "~")));
  return groups;
}

/** A `<input type="datetime-local">` value as an ISO UTC timestamp (the input gives local time). */
export function localInputToIso(value: string): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
