/**
 * Property-based fuzzing of every route's body, query and headers over real HTTP: whatever comes in,
 * the answer is a 2xx, or a 4xx in the contract's error shape — never a 5xx — and a 4xx stores
 * nothing (row counts, versions, roles and revocations read from the database are unchanged).
 * Inputs mix near-valid shapes (the route's own field names with values of every kind) with
 * arbitrary JSON and non-JSON text, so validation edges are hit, not just the parser. Runs are
 * bounded per route to keep the suite fast; a failure prints fast-check's seed to replay it.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "@leadpane/domain";
import { MUTATION_NAMES, PROTOCOL_VERSION } from "@leadpane/domain/sync";
import { http, startTestServer, type TestServer } from "../testing/server.ts";
import { createTeam, type TestTeam, UNLIMITED } from "../testing/team.ts";

const RUNS = Number(process.env.FUZZ_RUNS ?? 100);

let server: TestServer;
let team: TestTeam;
const ids: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer(UNLIMITED);
  team = await createTeam(server.url, "Fuzz");
  const api = http(server.url, team.members.member.token);
  ids.lead = (await api("POST", "/v1/leads", { name: "Fuzz Lead", emails: ["fuzz@lead.test"] })).body.id;
  ids.contact = (await api("POST", "/v1/contacts", { name: "Fuzz Contact" })).body.id;
  ids.company = (await api("POST", "/v1/companies", { name: "Fuzz Co", domain: "fuzz.test" })).body.id;
  const code = (await http(server.url, team.members.owner.token)("POST", "/v1/invites", { role: "member" })).body.code;
  ids.spare = (await http(server.url)("POST", "/v1/invites/accept", { code, name: "Spare", email: "spare@fuzz.test" })).body.member.id;
});
afterAll(async () => server.close());

/** What may not change on a 4xx: counts, versions, roles, revocations, record contents. */
async function fingerprint(): Promise<string> {
  const res = await server.database.client.execute(`select
    (select count(*) from records) as records, (select coalesce(sum(length(data) + length(meta) + version), 0) from records) as recordBytes,
    (select coalesce(sum(version), 0) from workspaces) as versions, (select count(*) from workspaces) as workspaces,
    (select count(*) from audit_log) as audit, (select count(*) from record_keys) as keys, (select count(*) from erasures) as erasures,
    (select group_concat(role || coalesce(removed_at, ''), ',') from members) as members,
    (select count(*) from tokens) as tokens, (select count(*) from tokens where revoked_at is not null) as revoked,
    (select count(*) from invites) as invites, (select count(*) from invites where revoked_at is not null or accepted_at is not null) as closed,
    (select coalesce(sum(last_mutation_id), 0) from sync_clients) as mutations`);
  return JSON.stringify(res.rows[0]);
}

// --- value generators -----------------------------------------------------------------------

const printable = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((n) => String.fromCharCode(n)), maxLength: 80 });
const unicode = fc.string({ unit: "binary", maxLength: 60 });
const idLike = fc.oneof(fc.uuid(), fc.constantFrom("not-an-id", "", "00000000-0000-0000-0000-000000000000", "../../etc/passwd", "1 or 1=1"), printable);
const realId = fc.constantFrom("lead", "contact", "company").map((k) => ids[k]!);
const scalar = fc.oneof(
  printable,
  unicode,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.uuid(),
  fc.emailAddress(),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom("lead", "contact", "company", "deal", "activity", "task", "owner", "admin", "member", "viewer", "json", "csv", "new", "qualified", "note"),
  fc.string({ minLength: 250, maxLength: 1200 }),
  fc.constantFrom("__proto__", "constructor", "'; drop table records; --", "%", "_", "\\", "\u0000", "𝒳", "1e309", "-0", "NaN"),
);
const wild: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: scalar },
  { weight: 1, arbitrary: fc.array(scalar, { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.constantFrom("type", "id", "kind", "url", "title", "amount", "__proto__", "x"), scalar, { maxKeys: 4 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);
const queryValue = fc.oneof(printable, unicode, fc.integer().map(String), fc.uuid(), fc.emailAddress(), fc.constantFrom("", "0", "-1", "201", "99999999999999999999", "1.5", "lead", "csv", "true"));

type Body = { raw?: string; json?: unknown } | undefined;

/**
 * A body: a valid example as is, with one field replaced by any value or removed, or with extra
 * fields; the route's field names with values of any kind; any JSON; broken text; or none.
 */
function bodyArb(keys: string[], example?: () => Record<string, unknown>): fc.Arbitrary<Body> {
  const shaped = fc.dictionary(fc.constantFrom(...keys, "extra"), wild, { maxKeys: keys.length + 1 });
  const options: Array<fc.WeightedArbitrary<Body>> = [
    { weight: 3, arbitrary: shaped.map((json) => ({ json })) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((json) => ({ json })) },
    { weight: 1, arbitrary: unicode.map((raw) => ({ raw })) },
    { weight: 1, arbitrary: fc.constantFrom("{", "[1,2", '{"a":}', "null", '"x"', "1e99999", '{"__proto__":{"role":"owner"}}').map((raw) => ({ raw })) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  ];
  if (example) {
    const base = fc.constant(null).map(() => example());
    options.push(
      { weight: 3, arbitrary: base.map((json) => ({ json })) },
      { weight: 4, arbitrary: fc.tuple(base, fc.constantFrom(...keys), wild).map(([json, key, value]) => ({ json: { ...json, [key]: value } })) },
      { weight: 1, arbitrary: fc.tuple(base, fc.constantFrom(...keys)).map(([json, key]) => ({ json: Object.fromEntries(Object.entries(json).filter(([k]) => k !== key)) })) },
    );
  }
  return fc.oneof(...options);
}

/** A query string: a valid one, with one parameter replaced or repeated, or any mix of the route's parameters. */
function queryArb(keys: string[], example?: () => Record<string, string>): fc.Arbitrary<string> {
  const encode = (pairs: Array<[string, string]>) => {
    const params = new URLSearchParams();
    for (const [k, v] of pairs) params.append(k, v);
    const text = params.toString();
    return text ? `?${text}` : "";
  };
  const random = fc.array(fc.tuple(fc.constantFrom(...keys, "x", "__proto__"), queryValue), { maxLength: keys.length + 2 }).map(encode);
  if (!example) return random;
  const base = fc.constant(null).map(() => Object.entries(example()));
  return fc.oneof(
    { weight: 2, arbitrary: base.map(encode) },
    { weight: 3, arbitrary: fc.tuple(base, fc.constantFrom(...keys), queryValue).map(([pairs, key, value]) => encode([...pairs.filter(([k]) => k !== key), [key, value]])) },
    { weight: 1, arbitrary: fc.tuple(base, fc.constantFrom(...keys), queryValue).map(([pairs, key, value]) => encode([...pairs, [key, value]])) },
    { weight: 2, arbitrary: random },
  );
}

/** Headers: tokens of every role, wrong, malformed and missing ones; content types; origins; proxies. */
function headersArb(): fc.Arbitrary<Record<string, string>> {
  const auth = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom("owner", "admin", "member", "viewer").map((role) => `Bearer ${team.members[role as keyof TestTeam["members"]].token}`) },
    { weight: 1, arbitrary: printable.map((t) => `Bearer ${t}`) },
    { weight: 1, arbitrary: printable },
    { weight: 1, arbitrary: fc.constantFrom("", "Bearer", "Basic dXNlcjpwYXNz", `bearer   ${"x".repeat(199)}`, `Bearer ${"y".repeat(300)}`) },
  );
  return fc
    .record(
      {
        authorization: auth,
        "content-type": fc.oneof(
          { weight: 6, arbitrary: fc.constantFrom("application/json", "application/json; charset=utf-8") },
          { weight: 2, arbitrary: fc.constantFrom("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=zz", "") },
          { weight: 1, arbitrary: printable },
        ),
        origin: fc.oneof(fc.constantFrom("chrome-extension://abcdefghijklmnop", "https://evil.test", "null"), printable),
        "x-setup-token": printable,
        "x-forwarded-for": printable,
        accept: printable,
      },
      { requiredKeys: ["authorization"] },
    )
    .map((headers) => Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== "")));
}

// --- the routes ---------------------------------------------------------------------------------

const TYPES = ["leads", "contacts", "companies", "deals", "activities", "tasks"] as const;
type Path = (typeof TYPES)[number];
const RECORD_FIELDS = ["id", "name", "emails", "phones", "urls", "title", "companyName", "website", "status", "source", "tags", "ownerId", "companyId", "domain", "amount", "currency", "stage", "contactId", "type", "subject", "body", "occurredAt", "dueAt", "done", "assigneeId", "custom", "provenance", "notes", "lifecycle"];
const now = () => new Date().toISOString();
const CREATE: Record<Path, () => Record<string, unknown>> = {
  leads: () => ({ name: "Fuzzed Lead", emails: ["fz@lead.test"], phones: ["+1 415 555 0100"], status: "working", tags: ["t"], source: { kind: "web", url: "https://lead.test/team" } }),
  contacts: () => ({ name: "Fuzzed Contact", emails: ["fz@contact.test"], lifecycle: "prospect" }),
  companies: () => ({ name: "Fuzzed Co", domain: `fz-${newId().slice(0, 8)}.test` }),
  deals: () => ({ title: "Fuzzed Deal", amount: 1000, currency: "EUR", stage: "qualification" }),
  activities: () => ({ type: "note", subject: { type: "lead", id: ids.lead }, body: "fuzz", occurredAt: now() }),
  tasks: () => ({ title: "Fuzzed Task", subject: { type: "lead", id: ids.lead }, dueAt: now() }),
};
const PATCH: Record<Path, () => Record<string, unknown>> = {
  leads: () => ({ title: "CTO", status: "qualified", tags: ["x"] }),
  contacts: () => ({ title: "VP" }),
  companies: () => ({ name: "Renamed" }),
  deals: () => ({ title: "Renamed", amount: 5 }),
  activities: () => ({ body: "edited" }),
  tasks: () => ({ done: true }),
};
const pushExample = () => {
  const clientId = newId();
  return {
    protocolVersion: PROTOCOL_VERSION,
    clientId,
    mutations: [{ id: 1, name: "create", args: { type: "lead", id: newId(), fields: { name: "Pushed" } }, hlc: `${String(Date.now()).padStart(15, "0")}-00000-fuzz` }],
  };
};

/** Pushes in a valid envelope whose mutations have real (or wrong) names and arguments of any shape. */
const pushWild: fc.Arbitrary<Body> = fc
  .record({
    clientId: fc.oneof(fc.uuid(), printable),
    mutations: fc.array(
      fc.record({
        name: fc.oneof(fc.constantFrom(...MUTATION_NAMES), printable),
        args: fc.oneof(
          wild,
          fc.record(
            {
              type: fc.constantFrom("lead", "contact", "company", "deal", "activity", "task", "x"),
              id: fc.oneof(fc.uuid(), realId),
              leadId: realId,
              fields: fc.dictionary(fc.constantFrom(...RECORD_FIELDS), wild, { maxKeys: 4 }),
              set: fc.dictionary(fc.constantFrom(...RECORD_FIELDS), wild, { maxKeys: 4 }),
              field: fc.constantFrom("emails", "tags", "phones", "name"),
              value: wild,
            },
            { requiredKeys: [] },
          ),
        ),
      }),
      { minLength: 1, maxLength: 4 },
    ),
  })
  .map(({ clientId, mutations }) => ({
    json: { protocolVersion: PROTOCOL_VERSION, clientId, mutations: mutations.map((m, i) => ({ id: i + 1, ...m, hlc: `${String(Date.now()).padStart(15, "0")}-${String(i).padStart(5, "0")}-fuzz` })) },
  }));

interface Route {
  name: string;
  method: string;
  /** The path and body together (a record route's body depends on its type). */
  request: fc.Arbitrary<{ path: string; body: Body }>;
  query?: fc.Arbitrary<string>;
}

// A spare member's id: valid requests may change, remove or promote them without locking the fuzzing tokens out.
const anyId = fc.oneof(idLike, realId, fc.constant(null).map(() => ids.spare!));
const withId = (make: (id: string) => string, body?: fc.Arbitrary<Body>) =>
  fc.tuple(anyId, body ?? fc.constant(undefined)).map(([id, b]) => ({ path: make(encodeURIComponent(id)), body: b }));
const at = (path: string, body?: fc.Arbitrary<Body>) => (body ?? fc.constant(undefined)).map((b) => ({ path, body: b }));
const perType = (make: (type: Path) => fc.Arbitrary<{ path: string; body: Body }>) => fc.constantFrom(...TYPES).chain(make);

const ROUTES: Route[] = [
  { name: "POST /v1/workspaces", method: "POST", request: at("/v1/workspaces", bodyArb(["name", "owner", "setupToken"], () => ({ name: "Fuzz Inc", owner: { name: "Olga", email: "olga@fuzz.test" } }))) },
  { name: "POST /v1/invites/accept", method: "POST", request: at("/v1/invites/accept", bodyArb(["code", "name", "email"], () => ({ code: "ABCD-EFGH-JKLM", name: "Joiner", email: "joiner@fuzz.test" }))) },
  { name: "GET /v1/me", method: "GET", request: at("/v1/me") },
  { name: "GET /v1/<type>", method: "GET", request: perType((t) => at(`/v1/${t}`)), query: queryArb(["q", "limit", "cursor", "status", "stage", "ownerId", "tag"], () => ({ q: "fuzz", limit: "10", status: "new" })) },
  { name: "POST /v1/<type>", method: "POST", request: perType((t) => at(`/v1/${t}`, bodyArb(RECORD_FIELDS, CREATE[t]))) },
  { name: "GET /v1/<type>/:id", method: "GET", request: perType((t) => withId((id) => `/v1/${t}/${id}`)) },
  { name: "PATCH /v1/<type>/:id", method: "PATCH", request: perType((t) => withId((id) => `/v1/${t}/${id}`, bodyArb(RECORD_FIELDS, PATCH[t]))) },
  { name: "DELETE /v1/<type>/:id", method: "DELETE", request: perType((t) => withId((id) => `/v1/${t}/${id}`)) },
  { name: "POST /v1/leads/:id/convert", method: "POST", request: withId((id) => `/v1/leads/${id}/convert`, bodyArb(["deal"], () => ({ deal: { title: "Converted", amount: 10, currency: "USD" } }))) },
  { name: "GET /v1/lookup", method: "GET", request: at("/v1/lookup"), query: queryArb(["email", "domain", "url"], () => ({ email: "fuzz@lead.test", url: "https://www.linkedin.com/in/fuzz/" })) },
  { name: "POST /v1/sync/push", method: "POST", request: fc.oneof(at("/v1/sync/push", bodyArb(["protocolVersion", "clientId", "mutations"], pushExample)), at("/v1/sync/push", pushWild)) },
  { name: "GET /v1/sync/pull", method: "GET", request: at("/v1/sync/pull"), query: queryArb(["protocolVersion", "clientId", "cookie", "limit"], () => ({ protocolVersion: String(PROTOCOL_VERSION), clientId: newId(), cookie: "0", limit: "50" })) },
  { name: "GET /v1/members", method: "GET", request: at("/v1/members") },
  { name: "PATCH /v1/members/:id", method: "PATCH", request: withId((id) => `/v1/members/${id}`, bodyArb(["role"], () => ({ role: "viewer" }))) },
  { name: "DELETE /v1/members/:id", method: "DELETE", request: withId((id) => `/v1/members/${id}`) },
  { name: "POST /v1/members/:id/transfer-ownership", method: "POST", request: withId((id) => `/v1/members/${id}/transfer-ownership`) },
  { name: "GET /v1/tokens", method: "GET", request: at("/v1/tokens"), query: queryArb(["memberId"], () => ({ memberId: team.members.member.id })) },
  { name: "POST /v1/tokens", method: "POST", request: at("/v1/tokens", bodyArb(["label"], () => ({ label: "Fuzz device" }))) },
  { name: "DELETE /v1/tokens/:id", method: "DELETE", request: withId((id) => `/v1/tokens/${id}`) },
  { name: "POST /v1/invites", method: "POST", request: at("/v1/invites", bodyArb(["role", "email"], () => ({ role: "member", email: "invited@fuzz.test" }))) },
  { name: "GET /v1/invites", method: "GET", request: at("/v1/invites") },
  { name: "DELETE /v1/invites/:id", method: "DELETE", request: withId((id) => `/v1/invites/${id}`) },
  { name: "GET /v1/audit", method: "GET", request: at("/v1/audit"), query: queryArb(["cursor", "limit", "action", "memberId", "recordType", "recordId"], () => ({ limit: "5", action: "create" })) },
  { name: "GET /v1/privacy/export", method: "GET", request: at("/v1/privacy/export"), query: queryArb(["email", "type", "id"], () => ({ email: "fuzz@lead.test" })) },
  { name: "POST /v1/privacy/erase", method: "POST", request: at("/v1/privacy/erase", bodyArb(["email", "type", "id"], () => ({ email: "nobody@fuzz.test" }))) },
  { name: "GET /v1/export", method: "GET", request: at("/v1/export"), query: queryArb(["format", "type"], () => ({ format: "csv", type: "lead" })) },
  { name: "GET /v1/openapi.json", method: "GET", request: at("/v1/openapi.json") },
  { name: "unknown routes and methods", method: "PUT", request: fc.oneof(printable.map((p) => `/v1/${encodeURIComponent(p)}`), fc.constantFrom("/v1/leads", "/v1/members", "/v1/sync/push")).map((path) => ({ path, body: { json: { a: 1 } } })) },
];

async function send(method: string, path: string, headers: Record<string, string>, body: Body) {
  const withBody = body !== undefined && method !== "GET" && method !== "HEAD";
  const requestHeaders: Record<string, string> = { ...(withBody ? { "content-type": "application/json" } : {}), ...headers };
  let response: Response;
  try {
    response = await fetch(`${server.url}${path}`, {
      method,
      headers: requestHeaders,
      ...(withBody ? { body: body.raw ?? JSON.stringify(body.json) } : {}),
    });
  } catch (error) {
    // fetch itself refuses some header values before anything is sent: not the server's doing.
    if (error instanceof TypeError && !(error.cause as { code?: string } | undefined)?.code?.startsWith("UND_ERR")) return null;
    throw error;
  }
  if (response.headers.get("content-type")?.includes("text/event-stream")) {
    await response.body?.cancel();
    return { status: response.status, text: "" };
  }
  return { status: response.status, text: await response.text() };
}

describe("fuzzing every route", () => {
  const statuses = new Map<string, number>();
  afterAll(() => {
    // Shows the fuzzing reached past validation: how often each route answered each status.
    if (process.env.FUZZ_STATS) console.log([...statuses].sort().map(([k, n]) => `${k}: ${n}`).join("\n"));
  });
  for (const route of ROUTES) {
    it(`${route.name}: never 5xx, 4xx in the error shape, nothing stored on 4xx`, async () => {
      await fc.assert(
        fc.asyncProperty(route.request, route.query ?? queryArb(["x"]), headersArb(), async ({ path, body }, query, headers) => {
          const before = await fingerprint();
          const res = await send(route.method, `${path}${query}`, headers, body);
          if (!res) return;
          statuses.set(`${route.name} ${res.status}`, (statuses.get(`${route.name} ${res.status}`) ?? 0) + 1);
          expect(res.status, res.text).toBeLessThan(500);
          if (res.status >= 400) {
            const parsed = JSON.parse(res.text) as { error?: { code?: unknown; message?: unknown; issues?: unknown } };
            expect(typeof parsed.error?.code).toBe("string");
            expect(typeof parsed.error?.message).toBe("string");
            if (parsed.error?.issues !== undefined) expect(Array.isArray(parsed.error.issues)).toBe(true);
            expect(Object.keys(parsed)).toEqual(["error"]);
            expect(await fingerprint()).toBe(before);
          }
        }),
        { numRuns: RUNS },
      );
    }, 60_000);
  }
});

describe("fuzzing leaves the workspace working", () => {
  it("still serves its owner and holds its seed records", async () => {
    const owner = team.members.owner;
    const me = await http(server.url, owner.token)("GET", "/v1/me");
    if (me.status === 200) expect(me.body.workspace.id).toBe(team.workspaceId);
    else expect(me.status).toBe(401);
    expect(newId()).toMatch(/-/);
  });
});
