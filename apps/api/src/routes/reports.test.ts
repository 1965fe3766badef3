import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forecastSnapshots } from "../db/schema.ts";
import { http, startTestServer, type TestServer } from "../testing/server.ts";
import { createTeam, UNLIMITED } from "../testing/team.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(UNLIMITED);
});
afterAll(async () => server.close());

const today = () => new Date().toISOString().slice(0, 10);

describe("GET /v1/reports/<name>", () => {
  it("answers the lead funnel of leads moved through their statuses over HTTP, to any role", async () => {
    const team = await createTeam(server.url, "Funnel");
    const api = http(server.url, team.members.member.token);
    const create = async (name: string, source: string) => {
      const res = await api("POST", "/v1/leads", { name, source: { kind: source } });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.id as string;
    };
    const move = async (id: string, status: string, extra: Record<string, unknown> = {}) =>
      expect((await api("PATCH", `/v1/leads/${id}`, { status, ...extra })).status).toBe(200);
    const a = await create("Ada", "web");
    await move(a, "working");
    await move(a, "qualified");
    expect((await api("POST", `/v1/leads/${a}/convert`, {})).status).toBe(200);
    const b = await create("Bea", "web");
    await move(b, "qualified");
    const c = await create("Cy", "email");
    await move(c, "working");
    await move(c, "unqualified", { unqualifiedReason: "No budget" });
    await create("Di", "import");

    const res = await http(server.url, team.members.viewer.token)(
      "GET",
      `/v1/reports/lead-funnel?from=${today()}&to=${today()}`,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.leads).toBe(4);
    expect(res.body.inOrder.map((s: { count: number }) => s.count)).toEqual([4, 2, 1, 1]);
    expect(res.body.anyTime.map((s: { count: number }) => s.count)).toEqual([4, 2, 2, 1]);
    expect(res.body.anyTime[3].ids).toEqual([a]);
    expect(res.body.unqualified.ids).toEqual([c]);

    const web = await api("GET", `/v1/reports/lead-funnel?from=${today()}&to=${today()}&source=web`);
    expect(web.body.inOrder.map((s: { count: number }) => s.count)).toEqual([2, 1, 1, 1]);
    const reasons = await api("GET", `/v1/reports/lead-conversion?from=${today()}&to=${today()}`);
    expect(reasons.body.unqualifiedReasons).toEqual([{ reason: "No budget", count: 1, ids: [c] }]);
    // Without dates: the 90 days up to today.
    const defaults = await api("GET", "/v1/reports/lead-funnel");
    expect([defaults.body.to, defaults.body.leads]).toEqual([today(), 4]);
  });

  it("serves every report", async () => {
    const team = await createTeam(server.url, "Every");
    const api = http(server.url, team.members.owner.token);
    for (const name of ["lead-funnel", "lead-conversion", "pipeline", "forecast", "win-loss", "activity"]) {
      const res = await api("GET", `/v1/reports/${name}?from=2026-01-01&to=${today()}`);
      expect(res.status, name).toBe(200);
      expect(res.body.report).toBe(name);
    }
  });

  it("refuses dates that are not ISO 8601 days, a range that ends before it starts and unknown parameters", async () => {
    const team = await createTeam(server.url, "Bad");
    const api = http(server.url, team.members.owner.token);
    for (const query of [
      "from=2026-13-01&to=2026-12-31",
      "from=2026-02-30&to=2026-03-01",
      "from=yesterday&to=2026-12-31",
      "from=2026-01-01T00:00:00Z&to=2026-12-31",
      "from=2026-12-31&to=2026-01-01",
      "from=2026-01-01&to=2026-12-31&owner=nobody",
      "from=2026-01-01&to=2026-12-31&source=carrier-pigeon",
      "from=2026-01-01&to=2026-12-31&colour=red",
    ]) {
      const res = await api("GET", `/v1/reports/pipeline?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code, query).toBe("invalid_input");
      expect(res.body.error.issues.length, query).toBeGreaterThan(0);
    }
    const unknown = await api("GET", "/v1/reports/revenue?from=2026-01-01&to=2026-12-31");
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("not_found");
  });

  it("keeps one forecast snapshot a week and shows it beside what closed won since", async () => {
    const team = await createTeam(server.url, "Snapshots");
    const api = http(server.url, team.members.member.token);
    const now = new Date();
    const quarterEnd = new Date(Date.UTC(now.getUTCFullYear(), Math.floor(now.getUTCMonth() / 3) * 3 + 3, 0));
    await api("POST", "/v1/deals", { title: "Won", stage: "won", amount: 1_000 });
    await api("POST", "/v1/deals", {
      title: "Nego",
      stage: "negotiation",
      amount: 2_000,
      expectedCloseAt: quarterEnd.toISOString(),
    });
    // An earlier week, of an earlier quarter, as the job would have kept it.
    await server.database.db.insert(forecastSnapshots).values({
      workspaceId: team.workspaceId,
      week: "2020-01-06",
      takenAt: "2020-01-06T09:00:00.000Z",
      data: JSON.stringify({
        quarter: { from: "2020-01-01", to: "2020-03-31", label: "Q1 2020" },
        currencies: [{ currency: "USD", closedWon: 0, commit: 5_000, bestCase: 9_000, weighted: 4_000 }],
      }),
    });
    const viewer = http(server.url, team.members.viewer.token);
    const first = await viewer("GET", "/v1/reports/forecast/snapshots");
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const [current, older] = first.body.items;
    expect(current.currencies).toEqual([
      { currency: "USD", closedWon: 1_000, commit: 3_000, bestCase: 3_000, weighted: 2_500 },
    ]);
    expect(current.actual).toEqual([{ currency: "USD", closedWon: 1_000 }]);
    expect(older).toMatchObject({ week: "2020-01-06", actual: [] });
    // A later change does not rewrite this week's snapshot, and reading again takes no second one.
    await api("POST", "/v1/deals", { title: "Won too", stage: "won", amount: 500 });
    const again = await viewer("GET", "/v1/reports/forecast/snapshots");
    expect(again.body.items.map((i: { week: string }) => i.week)).toEqual([current.week, "2020-01-06"]);
    expect(again.body.items[0].currencies[0].closedWon).toBe(1_000);
    expect(again.body.items[0].actual).toEqual([{ currency: "USD", closedWon: 1_500 }]);
  });

  it("needs a token", async () => {
    const res = await http(server.url)("GET", "/v1/reports/lead-funnel");
    expect(res.status).toBe(401);
  });
});
