import { compare, inRange, leadSources, weekOf, type ReportOptions, type ReportRecords } from "./common.ts";

/** What one rep did in one week. */
export interface ActivityWeekRow {
  /** The week's Monday, YYYY-MM-DD (UTC). */
  week: string;
  /** The member id ("" for work nobody is named on). */
  owner: string;
  captures: number;
  notes: number;
  emails: number;
  calls: number;
  meetings: number;
  tasksDone: number;
  /** The activities and done tasks counted under each figure, for the click-through. */
  ids: Record<ActivityFigure, string[]>;
}

/** The figures counted per rep per week. */
export const ACTIVITY_FIGURES = ["captures", "notes", "emails", "calls", "meetings", "tasksDone"] as const;
export type ActivityFigure = (typeof ACTIVITY_FIGURES)[number];

/** Activity per rep per week, and each rep's overdue tasks now. */
export interface ActivityReport {
  weeks: ActivityWeekRow[];
  overdue: Array<{ owner: string; count: number; ids: string[] }>;
}

const COUNTED = { capture: "captures", note: "notes", email: "emails", call: "calls", meeting: "meetings" } as const;

/**
 * Captures, notes, logged emails, calls and meetings (by author, when they occurred) and tasks done
 * (by assignee, at their last update) per rep per week in the range; and open tasks past due at
 * `now` per assignee (whatever the range). With a source, only work about leads of that source.
 */
export function activityReport(records: ReportRecords, options: ReportOptions): ActivityReport {
  const sources = options.source ? leadSources(records) : null;
  const about = (subject: { type: string; id: string } | null) =>
    !sources || (subject?.type === "lead" && sources.get(subject.id) === options.source);
  const weeks = new Map<string, ActivityWeekRow>();
  const overdue = new Map<string, { owner: string; count: number; ids: string[] }>();
  const row = (at: string, owner: string) => {
    const week = weekOf(at);
    const key = `${week} ${owner}`;
    let found = weeks.get(key);
    if (!found) {
      const ids = { captures: [], notes: [], emails: [], calls: [], meetings: [], tasksDone: [] };
      found = { week, owner, captures: 0, notes: 0, emails: 0, calls: 0, meetings: 0, tasksDone: 0, ids };
      weeks.set(key, found);
    }
    return found;
  };
  for (const record of records) {
    if (record.deleted) continue;
    if (record.type === "activity") {
      const activity = record.data;
      const field = COUNTED[activity.type as keyof typeof COUNTED];
      if (!field || !inRange(activity.occurredAt, options)) continue;
      const owner = activity.authorId ?? "";
      if (options.owner && owner !== options.owner) continue;
      if (!about(activity.subject)) continue;
      const counted = row(activity.occurredAt, owner);
      counted[field]++;
      counted.ids[field].push(record.id);
    } else if (record.type === "task") {
      const task = record.data;
      const owner = task.assigneeId ?? "";
      if (options.owner && owner !== options.owner) continue;
      if (!about(task.subject)) continue;
      if (task.done) {
        if (!inRange(task.updatedAt, options)) continue;
        const counted = row(task.updatedAt, owner);
        counted.tasksDone++;
        counted.ids.tasksDone.push(record.id);
      } else if (task.dueAt && task.dueAt < options.now) {
        const entry = overdue.get(owner) ?? { owner, count: 0, ids: [] };
        entry.count++;
        entry.ids.push(record.id);
        overdue.set(owner, entry);
      }
    }
  }
  return {
    weeks: [...weeks.values()].sort((a, b) => compare(a.week, b.week) || compare(a.owner, b.owner)),
    overdue: [...overdue.values()].sort((a, b) => b.count - a.count || compare(a.owner, b.owner)),
  };
}
