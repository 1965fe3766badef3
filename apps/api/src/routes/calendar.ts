import { createRoute, z } from "@hono/zod-openapi";
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import ical from "ical-generator";
import { IsoDateTimeSchema, newId } from "@leadpane/domain";
import type { Deps } from "../app-env.ts";
import { AUDIT_ACTIONS, writeAudit } from "../auth/audit.ts";
import { hashSecret, newFeedSecret } from "../auth/secrets.ts";
import type { Tx } from "../db/client.ts";
import { readableJson } from "../db/json.ts";
import { calendarFeeds, members, records } from "../db/schema.ts";
import { ApiError, ERROR_CODES } from "../errors.ts";
import { assertAuthBudget, recordAuthFailure } from "../middleware/rate-limit.ts";
import { withWriteTransaction } from "../sync/transaction.ts";
import { createRouter, ERROR_RESPONSES, jsonResponse } from "./openapi.ts";

/** Most tasks one feed holds (the soonest due first): calendars poll feeds, so they stay small. */
const MAX_FEED_TASKS = 2000;
/** How long each task's event lasts in the calendar. */
const EVENT_MINUTES = 30;
/** Writing last-fetched on every poll would turn every read into a write; once an hour is enough. */
const LAST_FETCHED_RESOLUTION_MS = 60 * 60_000;

/** `<secret>.ics`: the secret is base64url, as newFeedSecret makes it. */
const FeedFileSchema = z.object({
  file: z
    .string()
    .regex(/^[A-Za-z0-9_-]{20,100}\.ics$/)
    .openapi({ param: { description: "The feed's secret followed by `.ics`" } }),
});

/** A member's calendar feed as `GET /v1/calendar-feed` describes it (the URL only when it is made). */
const CalendarFeedSchema = z.object({
  enabled: z.boolean(),
  createdAt: IsoDateTimeSchema.nullable(),
  lastFetchedAt: IsoDateTimeSchema.nullable(),
});

const feedRoute = createRoute({
  method: "get",
  path: "/calendar/{file}",
  summary:
    "A member's open tasks with due dates as an iCalendar feed (no token: the secret in the URL is the credential)",
  security: [],
  request: { params: FeedFileSchema },
  responses: {
    200: { description: "The feed (text/calendar)", content: { "text/calendar": { schema: z.string() } } },
    ...ERROR_RESPONSES,
  },
});

const getFeedRoute = createRoute({
  method: "get",
  path: "/calendar-feed",
  summary: "Whether your calendar feed is on (its URL is shown only when it is made)",
  responses: { 200: jsonResponse("Your feed", CalendarFeedSchema), ...ERROR_RESPONSES },
});

const createFeedRoute = createRoute({
  method: "post",
  path: "/calendar-feed",
  summary: "Turn your calendar feed on, or regenerate its URL (the previous URL stops working)",
  responses: {
    201: jsonResponse(
      "The feed, with its URL: shown only in this answer",
      CalendarFeedSchema.extend({ url: z.string().describe("Subscribe to it in Google Calendar or Outlook") }),
    ),
    ...ERROR_RESPONSES,
  },
});

const deleteFeedRoute = createRoute({
  method: "delete",
  path: "/calendar-feed",
  summary: "Turn your calendar feed off: its URL answers 404 from now on",
  responses: { 204: { description: "Off" }, ...ERROR_RESPONSES },
});

/**
 * `GET /v1/calendar/<secret>.ics`: public, the secret is the credential. The feed holds the open
 * tasks with a due date assigned to the feed's member, one 30-minute event each at its due time,
 * with the task's id as the event's UID so calendars update an event rather than add another. Done
 * and deleted tasks leave the feed. A wrong, revoked or removed member's secret answers 404 and
 * counts as a failed sign-in.
 */
export function calendarFeedRoutes(deps: Deps) {
  const { db } = deps.database;
  return createRouter().openapi(feedRoute, async (c) => {
    const secret = c.req.valid("param").file.replace(/\.ics$/, "");
    const [feed] = await db
      .select({ id: calendarFeeds.id, lastFetchedAt: calendarFeeds.lastFetchedAt, member: members })
      .from(calendarFeeds)
      .innerJoin(members, eq(members.id, calendarFeeds.memberId))
      .where(
        and(
          eq(calendarFeeds.secretHash, hashSecret(secret)),
          isNull(calendarFeeds.revokedAt),
          isNull(members.removedAt),
        ),
      );
    if (!feed) {
      assertAuthBudget(deps, c);
      recordAuthFailure(deps, c);
      throw new ApiError(404, ERROR_CODES.notFound, "No such calendar feed");
    }
    const now = deps.now?.() ?? Date.now();
    if (!feed.lastFetchedAt || now - Date.parse(feed.lastFetchedAt) > LAST_FETCHED_RESOLUTION_MS) {
      await withWriteTransaction(deps.database, (tx) =>
        tx
          .update(calendarFeeds)
          .set({ lastFetchedAt: new Date(now).toISOString() })
          .where(eq(calendarFeeds.id, feed.id)),
      );
    }
    const { workspaceId, id: memberId } = feed.member;
    const data = readableJson(records.data);
    const rows = await db
      .select({ id: records.id, data: records.data })
      .from(records)
      .where(
        and(
          eq(records.workspaceId, workspaceId),
          eq(records.type, "task"),
          eq(records.deleted, false),
          sql`json_extract(${data}, '$.assigneeId') = ${memberId}`,
          sql`json_extract(${data}, '$.done') = 0`,
          sql`json_extract(${data}, '$.dueAt') is not null`,
        ),
      )
      .orderBy(asc(sql`json_extract(${data}, '$.dueAt')`))
      .limit(MAX_FEED_TASKS);
    const tasks = rows.map((row) => ({ id: row.id, ...(JSON.parse(row.data) as TaskData) }));
    const names = await subjectNames(deps, workspaceId, tasks);
    const calendar = ical({ name: "Leadpane tasks", prodId: { company: "Leadpane", product: "Tasks" } });
    for (const task of tasks) {
      const start = new Date(task.dueAt);
      const about = task.subject ? names.get(`${task.subject.type}:${task.subject.id}`) : undefined;
      calendar.createEvent({
        id: `task-${task.id}@leadpane`,
        start,
        end: new Date(start.getTime() + EVENT_MINUTES * 60_000),
        summary: task.title,
        description: [about ? `About: ${about} (${task.subject?.type})` : "", task.notes ?? ""]
          .filter(Boolean)
          .join("\n\n"),
        stamp: new Date(task.updatedAt),
        lastModified: new Date(task.updatedAt),
      });
    }
    c.header("Content-Type", "text/calendar; charset=utf-8");
    c.header("Content-Disposition", 'inline; filename="leadpane-tasks.ics"');
    return c.body(calendar.toString(), 200);
  });
}

/** The fields of a stored task the feed reads. */
interface TaskData {
  title: string;
  notes?: string;
  dueAt: string;
  updatedAt: string;
  subject?: { type: string; id: string } | null;
}

/** The names of the records the tasks are about, by `type:id` (deleted ones left out). */
async function subjectNames(deps: Deps, workspaceId: string, tasks: TaskData[]): Promise<Map<string, string>> {
  const ids = [...new Set(tasks.flatMap((task) => (task.subject ? [task.subject.id] : [])))];
  const names = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await deps.database.db
      .select({ type: records.type, id: records.id, data: records.data })
      .from(records)
      .where(
        and(
          eq(records.workspaceId, workspaceId),
          eq(records.deleted, false),
          inArray(records.id, ids.slice(i, i + 500)),
        ),
      );
    for (const row of rows) {
      const data = JSON.parse(row.data) as { name?: string; title?: string };
      const name = data.name ?? data.title;
      if (name) names.set(`${row.type}:${row.id}`, name);
    }
  }
  return names;
}

/**
 * Each member's own calendar feed: `GET` says whether it is on, `POST` turns it on or regenerates
 * its URL (revoking the previous one), `DELETE` turns it off. Every role may have one (it shows only
 * their own tasks). Only the secret's hash is stored, so the URL is shown once; audited like tokens.
 */
export function calendarFeedSettingsRoutes(deps: Deps) {
  const { db } = deps.database;
  return createRouter()
    .openapi(getFeedRoute, async (c) => {
      const actor = c.get("actor");
      const [feed] = await db
        .select({ createdAt: calendarFeeds.createdAt, lastFetchedAt: calendarFeeds.lastFetchedAt })
        .from(calendarFeeds)
        .where(and(eq(calendarFeeds.memberId, actor.memberId), isNull(calendarFeeds.revokedAt)));
      return c.json(
        { enabled: Boolean(feed), createdAt: feed?.createdAt ?? null, lastFetchedAt: feed?.lastFetchedAt ?? null },
        200,
      );
    })
    .openapi(createFeedRoute, async (c) => {
      const actor = c.get("actor");
      const secret = newFeedSecret();
      const now = new Date().toISOString();
      await withWriteTransaction(deps.database, async (tx) => {
        await revokeFeeds(tx, actor.memberId, now);
        const id = newId();
        await tx.insert(calendarFeeds).values({
          id,
          workspaceId: actor.workspaceId,
          memberId: actor.memberId,
          secretHash: hashSecret(secret),
          createdAt: now,
        });
        await writeAudit(
          tx,
          {
            workspaceId: actor.workspaceId,
            memberId: actor.memberId,
            action: AUDIT_ACTIONS.calendarFeedCreated,
            targetType: "calendar_feed",
            targetId: id,
          },
          now,
        );
      });
      const base = deps.env.LEADPANE_PUBLIC_URL?.replace(/\/+$/, "") ?? new URL(c.req.url).origin;
      return c.json(
        { enabled: true, createdAt: now, lastFetchedAt: null, url: `${base}/v1/calendar/${secret}.ics` },
        201,
      );
    })
    .openapi(deleteFeedRoute, async (c) => {
      const actor = c.get("actor");
      const now = new Date().toISOString();
      await withWriteTransaction(deps.database, async (tx) => {
        const revoked = await revokeFeeds(tx, actor.memberId, now);
        if (revoked > 0)
          await writeAudit(
            tx,
            {
              workspaceId: actor.workspaceId,
              memberId: actor.memberId,
              action: AUDIT_ACTIONS.calendarFeedRevoked,
              targetType: "calendar_feed",
            },
            now,
          );
      });
      return c.body(null, 204);
    });
}

/** Revokes a member's live feeds; how many there were. */
async function revokeFeeds(tx: Tx, memberId: string, at: string): Promise<number> {
  const revoked = await tx
    .update(calendarFeeds)
    .set({ revokedAt: at })
    .where(and(eq(calendarFeeds.memberId, memberId), isNull(calendarFeeds.revokedAt)))
    .returning({ id: calendarFeeds.id });
  return revoked.length;
}
