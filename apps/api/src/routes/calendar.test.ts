import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { http, startTestServer, type TestServer } from "../testing/server.ts";
import { createTeam, UNLIMITED } from "../testing/team.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(UNLIMITED);
});
afterAll(async () => server.close());

/** The feed's events as ical.js reads them back: UID, summary, start, end, description. */
async function readFeed(url: string) {
  const response = await fetch(url);
  const text = await response.text();
  if (response.status !== 200) return { status: response.status, events: [], text };
  expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
  const calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
  const events = calendar.getAllSubcomponents("vevent").map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      summary: event.summary,
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
      description: event.description,
    };
  });
  return { status: 200, events, text };
}

async function turnOn(token: string): Promise<string> {
  const created = await http(server.url, token)("POST", "/v1/calendar-feed");
  expect(created.status).toBe(201);
  return created.body.url as string;
}

describe("calendar feed", () => {
  it("holds the member's open tasks with due dates as events with stable UIDs, and nothing else", async () => {
    const team = await createTeam(server.url);
    const { member, admin } = team.members;
    const api = http(server.url, member.token);
    const lead = (await api("POST", "/v1/leads", { name: "Zoë Adams" })).body;
    const call = (
      await api("POST", "/v1/tasks", {
        title: "Call Zoë about the renewal",
        notes: "Bring the new price list",
        dueAt: "2026-12-10T14:00:00.000Z",
        assigneeId: member.id,
        subject: { type: "lead", id: lead.id },
      })
    ).body;
    const email = (
      await api("POST", "/v1/tasks", {
        title: "Send proposal",
        dueAt: "2026-12-09T09:30:00.000Z",
        assigneeId: member.id,
      })
    ).body;
    // Not in the feed: no due date, someone else's, done, deleted.
    await api("POST", "/v1/tasks", { title: "Someday", assigneeId: member.id });
    await api("POST", "/v1/tasks", { title: "Admin's task", dueAt: "2026-12-10T10:00:00.000Z", assigneeId: admin.id });
    await api("POST", "/v1/tasks", {
      title: "Done already",
      dueAt: "2026-12-08T10:00:00.000Z",
      assigneeId: member.id,
      done: true,
    });
    const gone = (
      await api("POST", "/v1/tasks", { title: "Deleted", dueAt: "2026-12-08T11:00:00.000Z", assigneeId: member.id })
    ).body;
    expect((await api("DELETE", `/v1/tasks/${gone.id}`)).status).toBe(204);

    const url = await turnOn(member.token);
    expect(url).toMatch(new RegExp(`^${server.url}/v1/calendar/[A-Za-z0-9_-]{43}\\.ics$`));
    const feed = await readFeed(url);
    expect(feed.events).toEqual([
      {
        uid: `task-${email.id}@leadpane`,
        summary: "Send proposal",
        start: "2026-12-09T09:30:00.000Z",
        end: "2026-12-09T10:00:00.000Z",
        description: "",
      },
      {
        uid: `task-${call.id}@leadpane`,
        summary: "Call Zoë about the renewal",
        start: "2026-12-10T14:00:00.000Z",
        end: "2026-12-10T14:30:00.000Z",
        description: "About: Zoë Adams (lead)\n\nBring the new price list",
      },
    ]);

    // Edited and completed tasks: the same UID carries the change; a done task leaves the feed.
    expect((await api("PATCH", `/v1/tasks/${call.id}`, { dueAt: "2026-12-11T08:00:00.000Z" })).status).toBe(200);
    expect((await api("PATCH", `/v1/tasks/${email.id}`, { done: true })).status).toBe(200);
    const later = await readFeed(url);
    expect(later.events.map((e) => [e.uid, e.start])).toEqual([
      [`task-${call.id}@leadpane`, "2026-12-11T08:00:00.000Z"],
    ]);
  });

  it("stores only the secret's hash; GET says whether it is on; regenerating and turning off make the old URL 404", async () => {
    const team = await createTeam(server.url);
    const api = http(server.url, team.members.viewer.token);
    expect((await api("GET", "/v1/calendar-feed")).body).toEqual({
      enabled: false,
      createdAt: null,
      lastFetchedAt: null,
    });
    const first = await turnOn(team.members.viewer.token);
    const secret = first.split("/").pop()!.replace(".ics", "");
    const stored = await server.database.client.execute("select * from calendar_feeds");
    expect(JSON.stringify(stored.rows)).not.toContain(secret);
    expect((await readFeed(first)).status).toBe(200);
    const status = (await api("GET", "/v1/calendar-feed")).body;
    expect(status).toMatchObject({ enabled: true, createdAt: expect.any(String), lastFetchedAt: expect.any(String) });
    expect(JSON.stringify(status)).not.toContain(secret);

    const second = await turnOn(team.members.viewer.token);
    expect(second).not.toBe(first);
    expect((await readFeed(first)).status).toBe(404);
    expect((await readFeed(second)).status).toBe(200);

    expect((await api("DELETE", "/v1/calendar-feed")).status).toBe(204);
    const off = await fetch(second);
    expect(off.status).toBe(404);
    expect(await off.json()).toEqual({ error: { code: "not_found", message: "No such calendar feed" } });
    expect((await api("GET", "/v1/calendar-feed")).body.enabled).toBe(false);
    const audit = await server.database.client.execute({
      sql: "select action from audit_log where workspace_id = ? and action like 'calendar_feed.%' order by id",
      args: [team.workspaceId],
    });
    expect(audit.rows.map((row) => row.action)).toEqual([
      "calendar_feed.created",
      "calendar_feed.created",
      "calendar_feed.revoked",
    ]);
  });

  it("isolates members and workspaces: each feed holds only its member's tasks", async () => {
    const a = await createTeam(server.url, "Alpha");
    const b = await createTeam(server.url, "Beta");
    const task = (who: typeof a.members.member, title: string) =>
      http(server.url, who.token)("POST", "/v1/tasks", {
        title,
        dueAt: "2026-12-12T12:00:00.000Z",
        assigneeId: who.id,
      });
    await task(a.members.member, "Alpha member's task");
    await task(a.members.owner, "Alpha owner's task");
    await task(b.members.member, "Beta member's task");
    const aMember = await readFeed(await turnOn(a.members.member.token));
    const aOwner = await readFeed(await turnOn(a.members.owner.token));
    const bMember = await readFeed(await turnOn(b.members.member.token));
    expect(aMember.events.map((e) => e.summary)).toEqual(["Alpha member's task"]);
    expect(aOwner.events.map((e) => e.summary)).toEqual(["Alpha owner's task"]);
    expect(bMember.events.map((e) => e.summary)).toEqual(["Beta member's task"]);
    // One member turning theirs off leaves the others' alone.
    await http(server.url, a.members.member.token)("DELETE", "/v1/calendar-feed");
    expect((await readFeed(await turnOn(a.members.owner.token))).status).toBe(200);
  });

  it("a removed member's feed answers 404; wrong and malformed secrets get 404 and 400, never 5xx", async () => {
    const team = await createTeam(server.url);
    const url = await turnOn(team.members.member.token);
    expect((await readFeed(url)).status).toBe(200);
    await http(server.url, team.members.owner.token)("DELETE", `/v1/members/${team.members.member.id}`);
    expect((await readFeed(url)).status).toBe(404);
    expect((await fetch(`${server.url}/v1/calendar/${"A".repeat(43)}.ics`)).status).toBe(404);
    expect((await fetch(`${server.url}/v1/calendar/short.ics`)).status).toBe(400);
    expect((await fetch(`${server.url}/v1/calendar/${"A".repeat(43)}.txt`)).status).toBe(400);
  });
});
