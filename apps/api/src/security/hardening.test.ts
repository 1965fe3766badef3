import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "@leadpane/domain";
import { formatHlc, PROTOCOL_VERSION, type PatchOp } from "@leadpane/domain/sync";
import { LEADPANE_EXTENSION_ID } from "../env.ts";
import { http, signUp, startTestServer, type TestServer } from "../testing/server.ts";
import { createTeam, UNLIMITED } from "../testing/team.ts";

// Issue 14: what a member, or anyone, could send to break a workspace, each over real HTTP on a
// real libSQL file. One describe per point of the issue.

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(UNLIMITED);
});
afterAll(async () => server.close());

let wall = Date.now();
/** A clock reading now (or `at`), strictly increasing across the file. */
const clock = (node: string, at?: number) => {
  wall = Math.max(wall + 1, Date.now());
  return formatHlc({ wall: at ?? wall, counter: 0, node });
};

type PushResult = {
  lastMutationId: number;
  results: Array<{ id: number; status: string; error?: { code: string; message: string } }>;
};

/** A sync client with its own gap-free mutation ids. */
function syncClient(token: string) {
  const clientId = newId();
  let next = 1;
  return {
    clientId,
    async push(mutations: Array<{ name: string; args: unknown; hlc?: string }>): Promise<PushResult> {
      const body = {
        protocolVersion: PROTOCOL_VERSION,
        clientId,
        mutations: mutations.map((m) => ({ id: next++, name: m.name, args: m.args, hlc: m.hlc ?? clock("c") })),
      };
      const res = await http(server.url, token)("POST", "/v1/sync/push", body);
      expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(200);
      return res.body as PushResult;
    },
    async pull(cookie = 0, limit = 1000) {
      const res = await fetch(
        `${server.url}/v1/sync/pull?protocolVersion=${PROTOCOL_VERSION}&clientId=${clientId}&cookie=${cookie}&limit=${limit}`,
        { headers: { authorization: `Bearer ${token}` } },
      );
      const text = await res.text();
      expect(res.status, text.slice(0, 300)).toBe(200);
      return { bytes: text.length, ...(JSON.parse(text) as { cookie: number; hasMore: boolean; patch: PatchOp[] }) };
    },
  };
}

/** `{ a: [ [ … ] ] }` nested `depth` levels. */
function nested(depth: number): Record<string, unknown> {
  let value: unknown = "bottom";
  for (let i = 1; i < depth; i++) value = [value];
  return { a: value };
}

const now = () => new Date().toISOString();

describe("1. deep or large free-form values", () => {
  it("refuses activity data nested 1,001 levels (HTTP) and 5,000 levels (push) as invalid, without jamming the queue", async () => {
    const team = await createTeam(server.url, "Deep");
    const api = http(server.url, team.members.member.token);
    const lead = await api("POST", "/v1/leads", { name: "Deep Lead", emails: ["deep@lead.test"] });
    const subject = { type: "lead", id: lead.body.id };
    const refused = await api("POST", "/v1/activities", {
      type: "note",
      subject,
      occurredAt: now(),
      data: nested(1001),
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe("invalid_input");
    expect(JSON.stringify(refused.body)).toContain("nested too deeply");
    const large = await api("POST", "/v1/activities", {
      type: "note",
      subject,
      occurredAt: now(),
      data: { blob: "x".repeat(1_900_000) },
    });
    expect(large.status).toBe(400);
    expect(JSON.stringify(large.body)).toContain("too large");

    // Text, not JSON.stringify (which the test's own stack would overflow at this depth).
    const client = syncClient(team.members.member.token);
    const deepText = `{"a":${"[".repeat(5000)}${"]".repeat(5000)}}`;
    const id = newId();
    const raw = await fetch(`${server.url}/v1/sync/push`, {
      method: "POST",
      headers: { authorization: `Bearer ${team.members.member.token}`, "content-type": "application/json" },
      body:
        `{"protocolVersion":${PROTOCOL_VERSION},"clientId":"${client.clientId}","mutations":[{"id":1,"name":"create",` +
        `"args":{"type":"activity","id":"${id}","fields":{"type":"note","subject":${JSON.stringify(subject)},` +
        `"occurredAt":"${now()}","data":${deepText}}},"hlc":"${clock("c")}"}]}`,
    });
    const pushed = (await raw.json()) as PushResult;
    expect(raw.status).toBe(200);
    expect(pushed.results[0]).toMatchObject({ id: 1, status: "rejected", error: { code: "invalid" } });
    expect(pushed.results[0]!.error!.message).not.toMatch(/call stack|RangeError/);
    // Deep where a rule compares values (a system-managed field): refused in words, not a stack overflow.
    const other = syncClient(team.members.member.token);
    const compared = await fetch(`${server.url}/v1/sync/push`, {
      method: "POST",
      headers: { authorization: `Bearer ${team.members.member.token}`, "content-type": "application/json" },
      body:
        `{"protocolVersion":${PROTOCOL_VERSION},"clientId":"${other.clientId}","mutations":[{"id":1,"name":"create",` +
        `"args":{"type":"lead","id":"${newId()}","fields":{"name":"Deep","convertedCompanyId":${deepText}}},"hlc":"${clock("c")}"}]}`,
    });
    const comparedResult = ((await compared.json()) as PushResult).results[0]!;
    expect(comparedResult).toMatchObject({ status: "rejected", error: { code: "invalid" } });
    expect(comparedResult.error!.message).toContain("nested too deeply");
    // The next mutation of that client applies: its queue moved on.
    const next = await fetch(`${server.url}/v1/sync/push`, {
      method: "POST",
      headers: { authorization: `Bearer ${team.members.member.token}`, "content-type": "application/json" },
      body: JSON.stringify({
        protocolVersion: PROTOCOL_VERSION,
        clientId: client.clientId,
        mutations: [
          { id: 2, name: "create", args: { type: "lead", id: newId(), fields: { name: "After" } }, hlc: clock("c") },
        ],
      }),
    });
    expect(next.status).toBe(200);
    expect(((await next.json()) as PushResult).results[0]!.status).toBe("applied");
  }, 60_000);

  it("no stored value breaks a query: export, erase and tag filters still answer with a 1,001-level value stored", async () => {
    const team = await createTeam(server.url, "Poisoned");
    const api = http(server.url, team.members.owner.token);
    const lead = await api("POST", "/v1/leads", { name: "Pat Poison", emails: ["pat@poison.test"], tags: ["x"] });
    const note = await api("POST", "/v1/activities", {
      type: "note",
      subject: { type: "lead", id: lead.body.id },
      occurredAt: now(),
      body: "shallow",
    });
    expect(note.status).toBe(201);
    // A value stored before the cap (or by another writer): the queries must read past it.
    const deep = `{"type":"note","data":${"[".repeat(1001)}${"]".repeat(1001)},"subject":{"type":"lead","id":"${lead.body.id}"},"tags":["x"]}`;
    await server.database.client.execute({
      sql: "UPDATE records SET data = ? WHERE id = ?",
      args: [deep, note.body.id],
    });
    await api("DELETE", `/v1/activities/${note.body.id}`);

    const exported = await api("GET", "/v1/privacy/export?email=other@person.test");
    expect(exported.status, JSON.stringify(exported.body)).toBe(200);
    expect((await api("GET", "/v1/leads?tag=x")).status).toBe(200);
    expect((await api("GET", "/v1/activities?tag=x")).status).toBe(200);
    expect((await api("GET", "/v1/deals?stage=qualification")).status).toBe(200);
    expect((await api("GET", `/v1/privacy/export?type=lead&id=${lead.body.id}`)).status).toBe(200);
    const erased = await api("POST", "/v1/privacy/erase", { email: "pat@poison.test" });
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
  });
});

describe("2. failed sign-ins", () => {
  it("throttle failures only: a valid token keeps working from an address whose failures ran out", async () => {
    const limited = await startTestServer({
      LEADPANE_AUTH_FAILURES_PER_IP: 3,
      LEADPANE_RATE_LIMIT_PER_IP: 0,
      LEADPANE_RATE_LIMIT_PER_TOKEN: 0,
    });
    try {
      const owner = await signUp(limited.url);
      for (let i = 0; i < 3; i++)
        expect((await http(limited.url, `lp_wrong-token-000${i}`)("GET", "/v1/me")).status).toBe(401);
      const guess = await http(limited.url, "lp_wrong-token-0009")("GET", "/v1/me");
      expect(guess.status).toBe(429);
      const me = await http(limited.url, owner.token)("GET", "/v1/me");
      expect(me.status).toBe(200);
      const pushed = await http(limited.url, owner.token)("POST", "/v1/sync/push", {
        protocolVersion: PROTOCOL_VERSION,
        clientId: newId(),
        mutations: [
          { id: 1, name: "create", args: { type: "lead", id: newId(), fields: { name: "Ok" } }, hlc: clock("c") },
        ],
      });
      expect(pushed.status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe("3. CSV formula escaping", () => {
  it("neutralises every cell that starts with = + - @ tab or CR, multi-line or not", async () => {
    const team = await createTeam(server.url, "Csv");
    const api = http(server.url, team.members.owner.token);
    const dangerous = [
      '=HYPERLINK("https://evil.test","Click")\nJohn',
      "+1+2\nsecond line",
      "-3+4\r\nx",
      "@SUM(A1)\nx",
      "\t=1\nx",
      "\r=1",
    ];
    for (const [i, text] of dangerous.entries()) {
      // A company's address is trimmed; a task's notes keep their leading tab or carriage return.
      expect((await api("POST", "/v1/companies", { name: `Csv Co ${i}`, address: text })).status).toBe(201);
      expect((await api("POST", "/v1/tasks", { title: `Csv task ${i}`, notes: text })).status).toBe(201);
    }
    const exported = async (type: string, field: string) => {
      const res = await fetch(`${server.url}/v1/export?format=csv&type=${type}`, {
        headers: { authorization: `Bearer ${team.members.owner.token}` },
      });
      expect(res.status).toBe(200);
      const rows = Papa.parse<string[]>(await res.text(), { skipEmptyLines: true }).data;
      for (const cell of rows.flat()) expect(cell, JSON.stringify(cell)).not.toMatch(/^[=+\-@\t\r]/);
      const column = rows[0]!.indexOf(field);
      return rows.slice(1).map((row) => row[column]!);
    };
    expect((await exported("company", "address")).sort()).toEqual(dangerous.map((a) => `'${a.trim()}`).sort());
    expect((await exported("task", "notes")).sort()).toEqual(dangerous.map((a) => `'${a}`).sort());
  });
});

describe("5. bounds", () => {
  it("refuses a record larger than the record limit", async () => {
    const team = await createTeam(server.url, "Big");
    const api = http(server.url, team.members.member.token);
    const url = `https://big.test/${"p".repeat(1900)}`;
    const provenance = Object.fromEntries(
      Array.from({ length: 30 }, (_, i) => [
        `f${i}`,
        Array.from({ length: 10 }, () => ({ url, method: "m", at: now(), by: null })),
      ]),
    );
    const res = await api("POST", "/v1/leads", { name: "Big Lead", provenance });
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(400);
    expect(res.body.error.code).toBe("invalid_input");
    expect(res.body.error.message).toContain("too large");
  });

  it("bounds a pull page by bytes as well as by count, never splitting a push, and every record arrives", async () => {
    const team = await createTeam(server.url, "Pages");
    const client = syncClient(team.members.member.token);
    const urls = Array.from({ length: 50 }, (_, i) => `https://pages.test/${i}/${"q".repeat(1950)}`);
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) {
      const id = newId();
      ids.push(id);
      const pushed = await client.push([
        { name: "create", args: { type: "lead", id, fields: { name: `Big ${i}`, urls } } },
      ]);
      expect(pushed.results[0]!.status).toBe("applied");
    }
    const seen = new Set<string>();
    let cookie = 0;
    let pages = 0;
    for (;;) {
      const page = await client.pull(cookie, 1000);
      pages++;
      expect(page.bytes).toBeLessThan(4 * 1024 * 1024 + 300 * 1024);
      for (const op of page.patch) if (op.op === "put" && op.record.type === "lead") seen.add(op.record.id);
      cookie = page.cookie;
      if (!page.hasMore) break;
    }
    expect(pages).toBeGreaterThan(1);
    expect(ids.filter((id) => !seen.has(id))).toEqual([]);
  }, 60_000);

  it("keeps answering /healthz while a 1.3 MB push of 500 creates is applied", async () => {
    const team = await createTeam(server.url, "Stall");
    const body = JSON.stringify({
      protocolVersion: PROTOCOL_VERSION,
      clientId: newId(),
      mutations: Array.from({ length: 500 }, (_, i) => ({
        id: i + 1,
        name: "create",
        args: {
          type: "lead",
          id: newId(),
          fields: {
            name: `Stall Lead ${i}`,
            emails: [`stall${i}@stall.test`],
            title: "t".repeat(250),
            companyName: "c".repeat(250),
            location: "l".repeat(250),
            urls: [`https://stall.test/${i}/${"u".repeat(1600)}`],
          },
        },
        hlc: clock("stall"),
      })),
    });
    expect(body.length).toBeGreaterThan(1_300_000);
    let done = false;
    const push = fetch(`${server.url}/v1/sync/push`, {
      method: "POST",
      headers: { authorization: `Bearer ${team.members.member.token}`, "content-type": "application/json" },
      body,
    }).then(async (res) => {
      done = true;
      return { status: res.status, body: (await res.json()) as PushResult };
    });
    // Health checks one after another for as long as the push is in flight: the server must answer
    // them between slices of the push, not only before and after it (ordering, not timing).
    let answeredDuring = 0;
    while (!done) {
      const health = await fetch(`${server.url}/healthz`);
      await health.text();
      if (!done) answeredDuring++;
    }
    const pushed = await push;
    expect(pushed.status).toBe(200);
    expect(pushed.body.results.every((r) => r.status === "applied")).toBe(true);
    expect(answeredDuring).toBeGreaterThanOrEqual(10);
  }, 60_000);
});

describe("4. erasure holds against changes made before it", () => {
  it("refuses pre-erasure creates, contacts and adds that carry the erased identifiers; later captures pass", async () => {
    const team = await createTeam(server.url, "Erase ids");
    const owner = http(server.url, team.members.owner.token);
    const lead = await owner("POST", "/v1/leads", { name: "Erin Erased", emails: ["erin@erased.test"] });
    const company = await owner("POST", "/v1/companies", { name: "Erased Co" });
    const offline = syncClient(team.members.member.token);
    // Made while offline, before the erasure; pushed after it.
    const before = Date.now() - 5_000;
    const erased = await owner("POST", "/v1/privacy/erase", { email: "erin@erased.test" });
    expect(erased.status).toBe(200);
    const pushed = await offline.push([
      {
        name: "create",
        args: { type: "lead", id: newId(), fields: { name: "Erin Again", emails: ["erin@erased.test"] } },
        hlc: clock("offline", before),
      },
      {
        name: "create",
        args: { type: "contact", id: newId(), fields: { name: "Erin Contact", sourceLeadIds: [lead.body.id] } },
        hlc: clock("offline", before + 1),
      },
      {
        name: "add",
        args: { type: "company", id: company.body.id, field: "emails", values: ["Erin@Erased.test"] },
        hlc: clock("offline", before + 2),
      },
    ]);
    expect(pushed.results.map((r) => [r.status, r.error?.code])).toEqual([
      ["rejected", "erased"],
      ["rejected", "erased"],
      ["rejected", "erased"],
    ]);
    const everything = await offline.pull(0, 5000);
    expect(JSON.stringify(everything.patch)).not.toContain("erin@erased.test");
    // A capture made after the erasure is a new, deliberate one.
    const later = await offline.push([
      {
        name: "create",
        args: { type: "lead", id: newId(), fields: { name: "Erin Returns", emails: ["erin@erased.test"] } },
      },
    ]);
    expect(later.results[0]!.status).toBe("applied");
  });
});

describe("6. company domain uniqueness", () => {
  it("holds under 10 concurrent creates and for a sync create", async () => {
    const team = await createTeam(server.url, "Domains");
    const api = http(server.url, team.members.member.token);
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => api("POST", "/v1/companies", { name: `Same ${i}`, domain: "same.test" })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, ...Array(9).fill(409)]);
    const client = syncClient(team.members.member.token);
    const pushed = await client.push([
      { name: "create", args: { type: "company", id: newId(), fields: { name: "Synced", domain: "www.same.test" } } },
    ]);
    expect(pushed.results[0]).toMatchObject({ status: "rejected", error: { code: "conflict" } });
    const list = await api("GET", "/v1/companies?limit=50");
    expect(list.body.items.filter((c: { domain: string }) => c.domain?.endsWith("same.test"))).toHaveLength(1);
  }, 60_000);
});

describe("7. deal stage", () => {
  it("must be one of the workspace's pipeline stages, over HTTP and sync; pipeline edits keep working", async () => {
    const team = await createTeam(server.url, "Stages");
    const api = http(server.url, team.members.member.token);
    const bogus = await api("POST", "/v1/deals", { title: "Bogus", stage: "bogus" });
    expect(bogus.status).toBe(400);
    expect(bogus.body.error.message).toContain("pipeline");
    const deal = await api("POST", "/v1/deals", { title: "Real", stage: "proposal" });
    expect(deal.status).toBe(201);
    expect((await api("PATCH", `/v1/deals/${deal.body.id}`, { stage: "bogus" })).status).toBe(400);
    const client = syncClient(team.members.member.token);
    const pushed = await client.push([
      { name: "update", args: { type: "deal", id: deal.body.id, set: { stage: "bogus" } } },
    ]);
    expect(pushed.results[0]).toMatchObject({ status: "rejected", error: { code: "invalid" } });
    const owner = http(server.url, team.members.owner.token);
    const settings = (await owner("GET", "/v1/workspace/settings")).body;
    const edited = await owner("PATCH", "/v1/workspace/settings", {
      pipeline: settings.pipeline.map((s: { label: string }) => ({ ...s, label: `${s.label}!` })),
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
  });
});

describe("8. built-in property names as values", () => {
  const BUILT_INS = ["constructor", "toString", "hasOwnProperty", "__proto__", "valueOf"];
  it("are tags like any other, over HTTP and sync; as field names they are refused in plain words", async () => {
    const team = await createTeam(server.url, "Builtins");
    const api = http(server.url, team.members.member.token);
    const lead = await api("POST", "/v1/leads", { name: "Proto Lead", tags: BUILT_INS });
    expect(lead.status, JSON.stringify(lead.body)).toBe(201);
    expect([...lead.body.tags].sort()).toEqual([...BUILT_INS].sort());
    const patched = await api("PATCH", `/v1/leads/${lead.body.id}`, { tags: ["toString", "plain"] });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect([...patched.body.tags].sort()).toEqual(["plain", "toString"]);
    const client = syncClient(team.members.member.token);
    const pushed = await client.push([
      { name: "add", args: { type: "lead", id: lead.body.id, field: "tags", values: ["constructor", "__proto__"] } },
      { name: "update", args: { type: "lead", id: lead.body.id, set: { constructor: "x" } } },
      { name: "update", args: { type: "lead", id: lead.body.id, set: { toString: "x" } } },
      { name: "create", args: { type: "lead", id: newId(), fields: { name: "P", hasOwnProperty: 1 } } },
    ]);
    expect(pushed.results[0]!.status).toBe("applied");
    for (const result of pushed.results.slice(1)) {
      expect(result.status).toBe("rejected");
      expect(result.error!.message).not.toMatch(/is not a function|Cannot read/);
      expect(result.error!.message).toMatch(/no settable field/);
    }
    const read = await api("GET", `/v1/leads/${lead.body.id}`);
    expect([...read.body.tags].sort()).toEqual(["__proto__", "constructor", "plain", "toString"]);
    const byTag = await api("GET", "/v1/leads?tag=constructor");
    expect(byTag.body.items.map((l: { id: string }) => l.id)).toEqual([lead.body.id]);
  });
});

describe("9. activity authorship", () => {
  it("is the caller, whatever authorId the body names", async () => {
    const team = await createTeam(server.url, "Authors");
    const api = http(server.url, team.members.member.token);
    const lead = await api("POST", "/v1/leads", { name: "Authored" });
    const forged = await api("POST", "/v1/activities", {
      type: "note",
      subject: { type: "lead", id: lead.body.id },
      occurredAt: now(),
      body: "I am the owner",
      authorId: team.members.owner.id,
    });
    expect(forged.status).toBe(201);
    expect(forged.body.authorId).toBe(team.members.member.id);
    const client = syncClient(team.members.member.token);
    const id = newId();
    await client.push([
      {
        name: "create",
        args: {
          type: "activity",
          id,
          fields: {
            type: "call",
            subject: { type: "lead", id: lead.body.id },
            occurredAt: now(),
            authorId: team.members.owner.id,
          },
        },
      },
    ]);
    expect((await api("GET", `/v1/activities/${id}`)).body.authorId).toBe(team.members.member.id);
  });
});

describe("11. origins and links", () => {
  it("CORS allows the product's extension ids only (the default and configured ones)", async () => {
    const preflight = (base: string, origin: string) =>
      fetch(`${base}/v1/me`, {
        method: "OPTIONS",
        headers: { origin, "access-control-request-method": "GET", "access-control-request-headers": "authorization" },
      });
    const own = `chrome-extension://${LEADPANE_EXTENSION_ID}`;
    expect((await preflight(server.url, own)).headers.get("access-control-allow-origin")).toBe(own);
    for (const other of [
      "chrome-extension://abcdefghijklmnopabcdefghijklmnop",
      "moz-extension://6f1b2c3d-0000-4000-8000-123456789abc",
    ])
      expect((await preflight(server.url, other)).headers.get("access-control-allow-origin")).toBeNull();
    const configured = await startTestServer({
      ...UNLIMITED,
      LEADPANE_EXTENSION_IDS: "6f1b2c3d-0000-4000-8000-123456789abc",
    });
    try {
      const firefox = "moz-extension://6f1b2c3d-0000-4000-8000-123456789abc";
      expect((await preflight(configured.url, firefox)).headers.get("access-control-allow-origin")).toBe(firefox);
      expect((await preflight(configured.url, own)).headers.get("access-control-allow-origin")).toBeNull();
    } finally {
      await configured.close();
    }
  });

  it("source.url and activity data.url accept http(s), mailto and tel only", async () => {
    const team = await createTeam(server.url, "Links");
    const api = http(server.url, team.members.member.token);
    for (const url of [
      "javascript:alert(1)",
      " JavaScript:alert(1)",
      "data:text/html,<script>x</script>",
      "vbscript:x",
    ]) {
      const lead = await api("POST", "/v1/leads", { name: "Linked", source: { kind: "web", url } });
      expect(lead.status, url).toBe(400);
      expect(JSON.stringify(lead.body)).toContain("http(s), mailto or tel");
    }
    const lead = await api("POST", "/v1/leads", {
      name: "Linked",
      source: { kind: "web", url: "https://ok.test/team" },
    });
    expect(lead.status).toBe(201);
    const note = (url: string) =>
      api("POST", "/v1/activities", {
        type: "capture",
        subject: { type: "lead", id: lead.body.id },
        occurredAt: now(),
        data: { url },
      });
    expect((await note("javascript:alert(1)")).status).toBe(400);
    for (const url of ["https://ok.test/", "mailto:a@ok.test", "tel:+14155550100"])
      expect((await note(url)).status, url).toBe(201);
  });
});

describe("12. poke streams of removed members", () => {
  async function openStream(token: string) {
    const controller = new AbortController();
    const res = await fetch(`${server.url}/v1/sync/poke?cookie=0`, {
      headers: { authorization: `Bearer ${token}` },
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toContain("event: ready");
    /** Reads until the server ends the stream; pings and pokes are skipped. */
    const ended = (async () => {
      for (;;) if ((await reader.read()).done) return true;
    })().catch(() => "aborted");
    return { ended, abort: () => controller.abort() };
  }

  it("ends at once when the member is removed or the token revoked", async () => {
    const team = await createTeam(server.url, "Pokes");
    const owner = http(server.url, team.members.owner.token);
    const removed = await openStream(team.members.member.token);
    const revoked = await openStream(team.members.admin.token);
    const kept = await openStream(team.members.viewer.token);
    try {
      await removeAndRevoke();
    } finally {
      for (const stream of [removed, revoked, kept]) stream.abort();
    }
    async function removeAndRevoke() {
      expect((await owner("DELETE", `/v1/members/${team.members.member.id}`)).status).toBe(204);
      expect(await removed.ended).toBe(true);
      const tokens = await http(server.url, team.members.admin.token)("GET", "/v1/tokens");
      const adminToken = tokens.body.items.find((t: { current: boolean }) => t.current).id;
      expect((await owner("DELETE", `/v1/tokens/${adminToken}`)).status).toBe(204);
      expect(await revoked.ended).toBe(true);
      // The viewer's stream still runs: it sees a change.
      await owner("POST", "/v1/leads", { name: "After removal" });
      const stillOpen = await Promise.race([kept.ended, new Promise((r) => setTimeout(() => r("open"), 1500))]);
      expect(stillOpen).toBe("open");
    }
  }, 30_000);
});

describe("13. control characters and phones", () => {
  it("refuses NUL, direction overrides and lone surrogates in names, and phones that are not phones, in plain words", async () => {
    const team = await createTeam(server.url, "Controls");
    const api = http(server.url, team.members.member.token);
    for (const name of ["Jane\u0000Doe", "Jane \u202Eeod", "Jane \ud800", "Line\nbreak"]) {
      const res = await api("POST", "/v1/leads", { name });
      expect(res.status, JSON.stringify(name)).toBe(400);
      expect(JSON.stringify(res.body)).toContain("must not contain control characters");
    }
    expect((await api("POST", "/v1/companies", { name: "Ok\u200dCo 𝒳" })).status).toBe(201);
    for (const phone of ["call me maybe", "=1+1", "+1 (415) 555-0100 ext. 12x", "@123"]) {
      const res = await api("POST", "/v1/leads", { name: "Phone", phones: [phone] });
      expect(res.status, phone).toBe(400);
      expect(JSON.stringify(res.body)).toContain("is not a phone number");
    }
    const ok = await api("POST", "/v1/leads", {
      name: "Phone",
      phones: ["+1 (415) 555-0100 ext. 12", "020 7946 0958", "+49 30/1234567", "415.555.0100 x7"],
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    const client = syncClient(team.members.member.token);
    const pushed = await client.push([
      { name: "add", args: { type: "lead", id: ok.body.id, field: "phones", values: ["=1+1"] } },
    ]);
    expect(pushed.results[0]).toMatchObject({ status: "rejected", error: { code: "invalid" } });
  });
});
