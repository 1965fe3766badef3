/**
 * Property-based fuzzing of every served route's body, query and headers over real HTTP: whatever
 * comes in, the answer is a 2xx, or a 4xx in the contract's error shape — never a 5xx, never a
 * stack trace — and a 4xx stores nothing: every row of every table (listed from sqlite_master, so
 * a new table is covered without touching this file) is the same before and after.
 *
 * Which routes are fuzzed is checked, not trusted: the routes the app built by `createApp` serves
 * (Hono's `app.routes`) must equal the method + path patterns fuzzed here, so a new route fails
 * this file until it is fuzzed. Every pattern is fuzzed on its own, with the path built from the
 * pattern itself, so the list cannot claim a route it does not send requests to.
 *
 * Inputs mix near-valid shapes (the route's own field names with values of every kind) with
 * arbitrary JSON and non-JSON text, so validation edges are hit, not just the parser. Runs are
 * bounded per route (FUZZ_RUNS, split across a route's patterns) to keep the suite fast; a failure
 * prints fast-check's seed to replay it.
 */
import { createHash } from "node:crypto";
import { request as httpRequest } from "node:http";
import fc from "fast-check";
import { createClient, type Client } from "@libsql/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIELD_SCHEMAS, newId } from "@leadpane/domain";
import { MUTATION_NAMES, PROTOCOL_VERSION } from "@leadpane/domain/sync";
import { createApp } from "../app.ts";
import { EnvSchema } from "../env.ts";
import { ERROR_CODES } from "../errors.ts";
import { http, startTestServer, type TestServer } from "../testing/server.ts";
import { createTeam, type TestTeam, UNLIMITED } from "../testing/team.ts";

const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
/** Longest any one fuzzed request may take; a request still open after it fails the run (a hang is a bug). */
const REQUEST_TIMEOUT_MS = 5_000;
/**
 * How long one route's fuzzing (runs and shrinking) may take: past it, fast-check stops and reports
 * the smallest failure found so far, or fails for having run out of time; the test's own timeout
 * comes later, so a hanging route fails with its counterexample rather than a bare timeout.
 */
const TIME_LIMIT_MS = 30_000 + RUNS * 300;
const fuzzOptions = (numRuns: number) => ({
  numRuns,
  interruptAfterTimeLimit: TIME_LIMIT_MS,
  markInterruptAsFailure: true,
});

let server: TestServer;
let team: TestTeam;
/** Ids the fuzzing may use, so valid requests reach past "not found". */
const ids: Record<string, string> = {};
/** The heir's token: hands back ownership the fuzzing transferred to them. */
let heirToken: string;
/** Records no generator knows the id or any key of: the fuzzing must leave them exactly as created. */
const sentinels: Array<{ path: string; id: string; fields: Record<string, unknown> }> = [];

beforeAll(async () => {
  server = await startTestServer(UNLIMITED);
  team = await createTeam(server.url, "Fuzz");
  const api = http(server.url, team.members.member.token);
  const owner = http(server.url, team.members.owner.token);
  const seeded = async (what: string, res: ReturnType<ReturnType<typeof http>>) => {
    const { status, body } = await res;
    if (status !== 201 && status !== 200) throw new Error(`seeding ${what} failed: ${status} ${JSON.stringify(body)}`);
    return body;
  };
  ids.lead = (await seeded("lead", api("POST", "/v1/leads", { name: "Fuzz Lead", emails: ["fuzz@lead.test"] }))).id;
  ids.contact = (await seeded("contact", api("POST", "/v1/contacts", { name: "Fuzz Contact" }))).id;
  ids.company = (await seeded("company", api("POST", "/v1/companies", { name: "Fuzz Co", domain: "fuzz.test" }))).id;
  ids.deal = (await seeded("deal", api("POST", "/v1/deals", { title: "Fuzz Deal", stage: "qualification" }))).id;
  ids.activity = (
    await seeded(
      "activity",
      api("POST", "/v1/activities", {
        type: "call",
        subject: { type: "lead", id: ids.lead },
        body: "Fuzz call",
        occurredAt: new Date().toISOString(),
      }),
    )
  ).id;
  ids.task = (
    await seeded(
      "task",
      api("POST", "/v1/tasks", { title: "Fuzz Task", subject: { type: "contact", id: ids.contact } }),
    )
  ).id;
  const join = async (name: string, email: string) => {
    const code = (await seeded("invite", owner("POST", "/v1/invites", { role: "member" }))).code;
    return seeded(name, http(server.url)("POST", "/v1/invites/accept", { code, name, email }));
  };
  ids.spare = (await join("Spare", "spare@fuzz.test")).member.id;
  // Only ownership transfers name the heir (the spare may be removed before they run).
  const heir = await join("Heir", "heir@fuzz.test");
  ids.heir = heir.member.id;
  heirToken = heir.token;
  ids.invite = (
    await seeded("open invite", owner("POST", "/v1/invites", { role: "viewer", email: "later@fuzz.test" }))
  ).id;
  ids.token = (await seeded("spare token", api("POST", "/v1/tokens", { label: "Spare device" }))).id;
  ids.apiKey = (await seeded("spare API key", owner("POST", "/v1/api-keys", { name: "Spare", scope: "read" }))).id;
  ids.feed = new URL((await seeded("calendar feed", api("POST", "/v1/calendar-feed"))).url).pathname.split("/").pop()!;
  const tag = newId().slice(0, 8);
  for (const [path, fields] of [
    ["leads", { name: "Sentinel Lead", emails: [`sentinel-${tag}@keep.test`], status: "working" }],
    ["contacts", { name: "Sentinel Contact", emails: [`sentinel-contact-${tag}@keep.test`], title: "Keeper" }],
    ["companies", { name: "Sentinel Co", domain: `sentinel-${tag}.test` }],
    // In the first stage: a settings patch that drops that stage is refused (409), never stored.
    ["deals", { title: "Sentinel Deal", stage: "qualification", amount: 42 }],
  ] as const) {
    sentinels.push({ path, id: (await seeded(`sentinel ${path}`, api("POST", `/v1/${path}`, fields))).id, fields });
  }
});
afterAll(async () => server?.close());

// --- what a refused request may not change ---------------------------------------------------------

/**
 * Columns a refused request may legitimately change, each with its reason. Nothing else is
 * excluded: every other column of every table, including `workspaces.settings`, is fingerprinted.
 */
const MAY_CHANGE_ON_4XX: Record<string, Record<string, string>> = {
  tokens: {
    // requireAuth stamps the token's last use (at most once a minute) before the route runs: a
    // request refused after sign-in (400 on the body, 403, 404, 409) still used the token.
    last_used_at: "bookkeeping of a valid token's use, written before the route decides",
  },
};
// (Rate-limit budgets live in the process's memory, not in the database: nothing to exclude.)

/**
 * The test's own connection to the server's database file. Its `PRAGMA data_version` moves
 * whenever another connection (any of the server's) commits a change, which lets the fingerprint
 * below be reused until something was stored, instead of reading every table around every request.
 * A temporary table marks the connection: were it ever replaced, the versions would no longer compare.
 */
let observer: Client;
beforeAll(async () => {
  observer = createClient({ url: server.dbUrl });
  await observer.execute("create temp table fingerprint_connection (x)");
});
afterAll(() => observer?.close());

async function dataVersion(): Promise<number> {
  const [row] = (
    await observer.execute(
      "select (select data_version from pragma_data_version) as version, (select " +
        "count(*) from temp.sqlite_master where name = 'fingerprint_connection') as same",
    )
  ).rows;
  if (Number(row!.same) !== 1)
    throw new Error(
      "the fingerprint's connection was replaced: data_version no longer tells whether anything was stored",
    );
  return Number(row!.version);
}

let fingerprintQuery: Promise<{ sql: string; tables: string[] }> | undefined;

/** One query that reads every table of the database: its row count and every row, sorted. */
async function buildFingerprintQuery(): Promise<{ sql: string; tables: string[] }> {
  const client = observer;
  const tables = (await client.execute("select name from sqlite_master where type = 'table' order by name")).rows.map(
    (row) => String(row.name),
  );
  const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
  const parts: string[] = [];
  for (const table of tables) {
    const columns = (
      await client.execute({ sql: "select name from pragma_table_info(?) order by cid", args: [table] })
    ).rows.map((row) => String(row.name));
    for (const excluded of Object.keys(MAY_CHANGE_ON_4XX[table] ?? {})) {
      if (!columns.includes(excluded))
        throw new Error(`fingerprint exclusion ${table}.${excluded} names no column: remove it`);
    }
    const kept = columns.filter((column) => !(column in (MAY_CHANGE_ON_4XX[table] ?? {})));
    const line = kept.map((column) => `quote(${ident(column)})`).join(" || ',' || ");
    parts.push(
      `(select count(*) || char(10) || coalesce(group_concat(line, char(10) order by ` +
        `line), '') from (select ${line} as line from ${ident(table)})) as ${ident(table)}`,
    );
  }
  return { sql: `select ${parts.join(", ")}`, tables };
}

let lastFingerprint: { version: number; value: Record<string, string> } | undefined;

/**
 * Every table's row count and a hash of all its rows (bar the exclusions above), by table name:
 * read afresh whenever anything was committed since the last reading.
 */
async function fingerprint(): Promise<Record<string, string>> {
  const version = await dataVersion();
  if (lastFingerprint?.version === version) return lastFingerprint.value;
  const value = await readFingerprint();
  // Kept only if nothing was committed while the tables were read.
  lastFingerprint = (await dataVersion()) === version ? { version, value } : undefined;
  return value;
}

async function readFingerprint(): Promise<Record<string, string>> {
  fingerprintQuery ??= buildFingerprintQuery();
  const { sql, tables } = await fingerprintQuery;
  const [row] = (await observer.execute(sql)).rows;
  return Object.fromEntries(
    tables.map((table) => {
      const text = String(row![table]);
      return [
        table,
        `${text.slice(0, text.indexOf("\n"))} rows, sha256 ` +
          `${createHash("sha256").update(text).digest("hex").slice(0, 24)}`,
      ];
    }),
  );
}

// --- value generators -----------------------------------------------------------------------

/**
 * Texts that once broke a workspace (issue 14): built-in property names (a set or map keyed by user
 * values must not inherit them), control characters, direction overrides and lone surrogates,
 * links that run script, formulas, and text where a phone number belongs.
 */
const BUILT_IN_NAMES = ["constructor", "toString", "hasOwnProperty", "__proto__", "valueOf", "prototype"] as const;
const HOSTILE_TEXTS = [
  ...BUILT_IN_NAMES,
  "javascript:alert(1)",
  " JavaScript:alert(document.cookie)",
  "data:text/html,<script>alert(1)</script>",
  "vbscript:msgbox(1)",
  "Jane\u0000Doe",
  "\u0000",
  "Jane \u202Eeod.exe",
  "\u2066isolate\u2069",
  "lone \ud800 surrogate",
  "\udc00",
  "line\nbreak",
  "=1+1",
  '=HYPERLINK("https://evil.test","Click")\nJohn',
  "+1+2",
  "-3",
  "@SUM(A1)",
  "\t=cmd",
  "\r=cmd",
  "call me maybe",
] as const;
const hostileText = fc.constantFrom(...HOSTILE_TEXTS);
const printable = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((n) => String.fromCharCode(n)),
  maxLength: 80,
});
const unicode = fc.string({ unit: "binary", maxLength: 60 });
const idLike = fc.oneof(
  fc.uuid(),
  fc.constantFrom(
    "not-an-id",
    "00000000-0000-0000-0000-000000000000",
    "../../etc/passwd",
    "1 or 1=1",
    "%00",
    "a".repeat(300),
  ),
  printable.filter((s) => s !== ""),
);
const RECORD_KEYS = ["lead", "contact", "company", "deal", "activity", "task"] as const;
const realId = fc.constantFrom(...RECORD_KEYS).map((k) => ids[k]!);
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
  fc.constantFrom(
    "lead",
    "contact",
    "company",
    "deal",
    "activity",
    "task",
    "owner",
    "admin",
    "member",
    "viewer",
    "json",
    "csv",
    "new",
    "qualified",
    "note",
    "US",
    "EUR",
  ),
  fc.string({ minLength: 250, maxLength: 1200 }),
  fc.constantFrom(
    "__proto__",
    "constructor",
    "'; drop table records; --",
    "%",
    "_",
    "\\",
    "\u0000",
    "𝒳",
    "1e309",
    "-0",
    "NaN",
  ),
  hostileText,
);
/** `[[[…]]]` or `{"a":{"a":…}}` nested `depth` levels (built without recursion). */
function deepJson(depth: number, kind: "array" | "object"): unknown {
  let value: unknown = "bottom";
  for (let i = 0; i < depth; i++) value = kind === "array" ? [value] : { a: value };
  return value;
}
/** The same as JSON text: JSON.stringify itself overflows the stack on the deepest ones. */
const deepText = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;
/** Objects whose own keys are built-in names (JSON.parse keeps `__proto__` as an own key). */
const builtInKeys = fc
  .subarray(["constructor", "toString", "hasOwnProperty", "__proto__", "valueOf"], { minLength: 1 })
  .chain((keys) =>
    fc
      .array(fc.oneof(scalar, hostileText), { minLength: keys.length, maxLength: keys.length })
      .map(
        (values) =>
          JSON.parse(
            JSON.stringify(Object.fromEntries(keys.map((k, i) => [`@${k}`, values[i]]))).replaceAll('"@', '"'),
          ) as unknown,
      ),
  );
/** Deep, large, built-in-named, control-character and script-link values, alone or where a list or link is expected. */
const hostile: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileText },
  { weight: 1, arbitrary: fc.array(hostileText, { minLength: 1, maxLength: 5 }) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom(9, 10, 64, 1001, 1500), fc.constantFrom("array" as const, "object" as const))
      .map(([depth, kind]) => deepJson(depth, kind)),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(20_001, 70_000, 300_000).map((n) => "x".repeat(n)),
  },
  { weight: 1, arbitrary: fc.constant(null).map(() => Array.from({ length: 5000 }, (_, i) => `v${i}`)) },
  { weight: 1, arbitrary: fc.constant(null).map(() => ({ blob: "y".repeat(40_000) })) },
  { weight: 2, arbitrary: builtInKeys },
  { weight: 1, arbitrary: hostileText.map((url) => ({ url, kind: "web" })) },
);
const wild: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: scalar },
  { weight: 2, arbitrary: hostile },
  { weight: 1, arbitrary: fc.array(scalar, { maxLength: 5 }) },
  {
    weight: 1,
    arbitrary: fc.dictionary(
      fc.constantFrom("type", "id", "kind", "url", "title", "amount", "key", "label", "__proto__", "x"),
      scalar,
      { maxKeys: 4 },
    ),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);
const queryValue = fc.oneof(
  printable,
  unicode,
  fc.integer().map(String),
  fc.uuid(),
  fc.emailAddress(),
  fc.constantFrom("", "0", "-1", "201", "99999999999999999999", "1.5", "lead", "csv", "true"),
  hostileText,
);

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
    {
      weight: 1,
      arbitrary: fc
        .constantFrom("{", "[1,2", '{"a":}', "null", '"x"', "1e99999", '{"__proto__":{"role":"owner"}}')
        .map((raw) => ({ raw })),
    },
    { weight: 1, arbitrary: fc.constant(undefined) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(...keys), fc.constantFrom(5000, 20_000))
        .map(([key, depth]) => ({ raw: `{${JSON.stringify(key)}:${deepText(depth)}}` })),
    },
  ];
  if (example) {
    const base = fc.constant(null).map(() => example());
    options.push(
      { weight: 3, arbitrary: base.map((json) => ({ json })) },
      {
        weight: 4,
        arbitrary: fc
          .tuple(base, fc.constantFrom(...keys), wild)
          .map(([json, key, value]) => ({ json: { ...json, [key]: value } })),
      },
      {
        weight: 1,
        arbitrary: fc
          .tuple(base, fc.constantFrom(...keys))
          .map(([json, key]) => ({ json: Object.fromEntries(Object.entries(json).filter(([k]) => k !== key)) })),
      },
      {
        // A hostile value in the shape the field takes: a list of hostile texts where a list goes,
        // an object with built-in keys or a script link where an object goes, a hostile text or a
        // deep or large value where a text goes.
        weight: 3,
        // (One of the example's own fields, so each is hit often.)
        arbitrary: base.chain((json) =>
          fc
            .constantFrom(...Object.keys(json))
            .chain((key) => hostileLike(json[key]).map((value) => ({ json: { ...json, [key]: value } }))),
        ),
      },
      {
        // Nested past what JSON.stringify (and SQLite's JSON functions) can take: sent as text.
        weight: 1,
        arbitrary: fc
          .tuple(base, fc.constantFrom(...keys), fc.constantFrom(5000, 20_000))
          .map(([json, key, depth]) => ({
            raw: JSON.stringify({ ...json, [key]: "@@DEEP@@" }).replace('"@@DEEP@@"', deepText(depth)),
          })),
      },
    );
  }
  return fc.oneof(...options);
}

/** A hostile value shaped like `like` (see bodyArb). */
function hostileLike(like: unknown): fc.Arbitrary<unknown> {
  if (Array.isArray(like))
    return fc.oneof(
      // Built-in names alone (otherwise valid, so they reach the sets that hold them), or any hostile texts.
      fc.subarray([...BUILT_IN_NAMES], { minLength: 1 }).map((names) => [...like, ...names]),
      fc.array(hostileText, { minLength: 1, maxLength: 5 }).map((bad) => [...like, ...bad]),
      hostile,
    );
  if (like && typeof like === "object")
    return fc.oneof(
      builtInKeys,
      hostileText.map((url) => ({ ...like, url })),
      fc.constantFrom(9, 1001).map((depth) => ({ ...like, data: deepJson(depth, "object") })),
      hostile,
    );
  return hostile;
}

/** A query string: a valid one, with one parameter replaced or repeated, or any mix of the route's parameters. */
function queryArb(keys: string[], example?: () => Record<string, string>): fc.Arbitrary<string> {
  const encode = (pairs: Array<[string, string]>) => {
    const params = new URLSearchParams();
    for (const [k, v] of pairs) params.append(k, v);
    const text = params.toString();
    return text ? `?${text}` : "";
  };
  const random = fc
    .array(fc.tuple(fc.constantFrom(...keys, "x", "__proto__"), queryValue), { maxLength: keys.length + 2 })
    .map(encode);
  if (!example) return random;
  const base = fc.constant(null).map(() => Object.entries(example()));
  return fc.oneof(
    { weight: 2, arbitrary: base.map(encode) },
    {
      weight: 3,
      arbitrary: fc
        .tuple(base, fc.constantFrom(...keys), queryValue)
        .map(([pairs, key, value]) => encode([...pairs.filter(([k]) => k !== key), [key, value]])),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(base, fc.constantFrom(...keys), queryValue)
        .map(([pairs, key, value]) => encode([...pairs, [key, value]])),
    },
    { weight: 2, arbitrary: random },
  );
}

/** Headers: tokens of every role, wrong, malformed and missing ones; content types; origins; proxies. */
function headersArb(): fc.Arbitrary<Record<string, string>> {
  const auth = fc.oneof(
    {
      weight: 8,
      arbitrary: fc
        .constantFrom("owner", "admin", "member", "viewer")
        .map((role) => `Bearer ${team.members[role as keyof TestTeam["members"]].token}`),
    },
    { weight: 1, arbitrary: printable.map((t) => `Bearer ${t}`) },
    { weight: 1, arbitrary: printable },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        "",
        "Bearer",
        "Basic dXNlcjpwYXNz",
        `bearer   ${"x".repeat(199)}`,
        `Bearer ${"y".repeat(300)}`,
      ),
    },
  );
  return fc
    .record(
      {
        authorization: auth,
        "content-type": fc.oneof(
          { weight: 6, arbitrary: fc.constantFrom("application/json", "application/json; charset=utf-8") },
          {
            weight: 2,
            arbitrary: fc.constantFrom(
              "text/plain",
              "application/x-www-form-urlencoded",
              "multipart/form-data; boundary=zz",
              "",
            ),
          },
          { weight: 1, arbitrary: printable },
        ),
        origin: fc.oneof(
          fc.constantFrom("chrome-extension://abcdefghijklmnop", "https://evil.test", "null"),
          printable,
        ),
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
/** The record type a record route's path names (`/v1/leads/:id` → `leads`). */
const typeOf = (pattern: string) => pattern.split("/")[2] as Path;
const RECORD_FIELDS = [
  "id",
  "name",
  "emails",
  "phones",
  "urls",
  "title",
  "companyName",
  "website",
  "status",
  "source",
  "tags",
  "ownerId",
  "companyId",
  "domain",
  "amount",
  "currency",
  "stage",
  "contactId",
  "type",
  "subject",
  "body",
  "occurredAt",
  "dueAt",
  "done",
  "assigneeId",
  "custom",
  "provenance",
  "notes",
  "lifecycle",
  "data",
  "authorId",
  "address",
  "location",
  "description",
  "logo",
  "sourceLeadIds",
  "expectedCloseAt",
  "leadId",
  "unqualifiedReason",
  "mergedIntoId",
  "convertedContactId",
];
const now = () => new Date().toISOString();
const CREATE: Record<Path, () => Record<string, unknown>> = {
  leads: () => ({
    name: "Fuzzed Lead",
    emails: ["fz@lead.test"],
    phones: ["+1 415 555 0100"],
    status: "working",
    tags: ["t"],
    source: { kind: "web", url: "https://lead.test/team" },
  }),
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
    mutations: [
      {
        id: 1,
        name: "create",
        args: { type: "lead", id: newId(), fields: { name: "Pushed" } },
        hlc: `${String(Date.now()).padStart(15, "0")}-00000-fuzz`,
      },
    ],
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
    json: {
      protocolVersion: PROTOCOL_VERSION,
      clientId,
      mutations: mutations.map((m, i) => ({
        id: i + 1,
        ...m,
        hlc: `${String(Date.now()).padStart(15, "0")}-${String(i).padStart(5, "0")}-fuzz`,
      })),
    },
  }));

const STAGES = [
  { key: "qualification", label: "Qualification", probability: 0.1, terminal: null },
  { key: "proposal", label: "Proposal", probability: 0.5, terminal: null },
  { key: "demo", label: "Demo", probability: 0.6 },
  { key: "won", label: "Won", probability: 1, terminal: "won" },
  { key: "lost", label: "Lost", probability: 0, terminal: "lost" },
];
const settingsExample = () => ({
  defaultRegion: "US",
  currency: "USD",
  pipeline: STAGES,
  customFields: [
    { key: "industry", label: "Industry", recordType: "lead", kind: "select", options: ["SaaS", "Retail"] },
  ],
});
/**
 * Settings patches that are refused: dropping the stage the sentinel deal is in (409); a duplicate
 * stage key, no open stage, a select without options (400).
 */
const settingsRefused: fc.Arbitrary<Body> = fc.constantFrom(
  { json: { pipeline: STAGES.filter((s) => s.key !== "qualification") } },
  { json: { pipeline: [...STAGES, STAGES[0]] } },
  { json: { pipeline: STAGES.filter((s) => s.key === "won" || s.key === "lost") } },
  { json: { customFields: [{ key: "k", label: "K", recordType: "lead", kind: "select", options: [] }] } },
);

interface Answer {
  status: number;
  type: string;
  text: string;
}

interface Route {
  method: string;
  /**
   * The served path patterns (as Hono lists them, e.g. `/v1/leads/:id`) this entry fuzzes; each
   * `:param` is filled by `ids`.
   */
  paths: readonly string[];
  body?: (pattern: string) => fc.Arbitrary<Body>;
  query?: fc.Arbitrary<string>;
  ids?: (pattern: string) => fc.Arbitrary<string>;
  /** Puts back what a successful request changed that later runs rely on (who owns the workspace). */
  undo?: (answer: Answer) => Promise<void>;
}

// Ids of every kind, real ones included: the spare member, token and invite may be changed, removed
// or revoked without locking the fuzzing tokens out.
const anyId = fc.oneof(
  idLike,
  realId,
  fc.constantFrom("spare", "invite", "token").map((k) => ids[k]!),
);
/** The seeded record of a record route's own type, half the time: valid requests reach past "not found". */
const ownId = (pattern: string) =>
  fc.oneof(
    anyId,
    fc.constant(null).map(() => ids[RECORD_KEYS[TYPES.indexOf(typeOf(pattern))]!]!),
  );
const recordRoutes = (
  method: string,
  suffix: string,
  body?: (type: Path) => fc.Arbitrary<Body>,
  query?: fc.Arbitrary<string>,
): Route => ({
  method,
  paths: TYPES.map((t) => `/v1/${t}${suffix}`),
  ids: ownId,
  ...(body ? { body: (pattern: string) => body(typeOf(pattern)) } : {}),
  ...(query ? { query } : {}),
});

const ROUTES: Route[] = [
  { method: "GET", paths: ["/healthz"] },
  { method: "GET", paths: ["/v1/openapi.json"] },
  {
    method: "POST",
    paths: ["/v1/workspaces"],
    body: () =>
      bodyArb(["name", "owner", "setupToken"], () => ({
        name: "Fuzz Inc",
        owner: { name: "Olga", email: "olga@fuzz.test" },
      })),
  },
  {
    method: "POST",
    paths: ["/v1/invites/accept"],
    body: () =>
      bodyArb(["code", "name", "email"], () => ({ code: "ABCD-EFGH-JKLM", name: "Joiner", email: "joiner@fuzz.test" })),
  },
  { method: "GET", paths: ["/v1/me"] },
  recordRoutes(
    "GET",
    "",
    undefined,
    queryArb(["q", "limit", "cursor", "status", "stage", "ownerId", "tag"], () => ({
      q: "fuzz",
      limit: "10",
      status: "new",
    })),
  ),
  recordRoutes("POST", "", (t) => bodyArb(RECORD_FIELDS, CREATE[t])),
  recordRoutes("GET", "/:id"),
  recordRoutes("PATCH", "/:id", (t) => bodyArb(RECORD_FIELDS, PATCH[t])),
  // Before the deletes, which may delete the seeded lead.
  {
    method: "POST",
    paths: ["/v1/leads/:id/convert"],
    ids: () =>
      fc.oneof(
        anyId,
        fc.constant(null).map(() => ids.lead!),
      ),
    body: () => bodyArb(["deal"], () => ({ deal: { title: "Converted", amount: 10, currency: "USD" } })),
  },
  recordRoutes("DELETE", "/:id"),
  // After the deletes, so the seeded records may be in the trash to restore.
  recordRoutes("POST", "/:id/restore"),
  {
    method: "GET",
    paths: ["/v1/trash"],
    query: queryArb(["type", "limit", "cursor"], () => ({ type: "lead", limit: "10" })),
  },
  { method: "GET", paths: ["/v1/workspace/settings"] },
  {
    method: "PATCH",
    paths: ["/v1/workspace/settings"],
    body: () =>
      fc.oneof(
        { weight: 3, arbitrary: bodyArb(["defaultRegion", "currency", "pipeline", "customFields"], settingsExample) },
        { weight: 1, arbitrary: settingsRefused },
      ),
  },
  {
    method: "GET",
    paths: ["/v1/lookup"],
    query: queryArb(["email", "domain", "url"], () => ({
      email: "fuzz@lead.test",
      url: "https://www.linkedin.com/in/fuzz/",
    })),
  },
  {
    method: "POST",
    paths: ["/v1/sync/push"],
    body: () => fc.oneof(bodyArb(["protocolVersion", "clientId", "mutations"], pushExample), pushWild),
  },
  {
    method: "GET",
    paths: ["/v1/sync/pull"],
    query: queryArb(["protocolVersion", "clientId", "cookie", "limit"], () => ({
      protocolVersion: String(PROTOCOL_VERSION),
      clientId: newId(),
      cookie: "0",
      limit: "50",
    })),
  },
  // A long-held event stream: send() reads its first event and hangs up.
  { method: "GET", paths: ["/v1/sync/poke"], query: queryArb(["cookie"], () => ({ cookie: "0" })) },
  { method: "GET", paths: ["/v1/members"] },
  { method: "PATCH", paths: ["/v1/members/:id"], body: () => bodyArb(["role"], () => ({ role: "viewer" })) },
  { method: "DELETE", paths: ["/v1/members/:id"] },
  {
    method: "POST",
    paths: ["/v1/members/:id/transfer-ownership"],
    ids: () =>
      fc.oneof(
        anyId,
        fc.constant(null).map(() => ids.heir!),
      ),
    // The owner may hand the workspace to the heir, who hands it straight back, so the owner's token
    // stays the owner's for the runs after (and the final check).
    undo: async () => {
      const back = await http(server.url, heirToken)("POST", `/v1/members/${team.members.owner.id}/transfer-ownership`);
      expect(back.status, JSON.stringify(back.body)).toBe(200);
    },
  },
  { method: "GET", paths: ["/v1/tokens"], query: queryArb(["memberId"], () => ({ memberId: team.members.member.id })) },
  { method: "POST", paths: ["/v1/tokens"], body: () => bodyArb(["label"], () => ({ label: "Fuzz device" })) },
  { method: "DELETE", paths: ["/v1/tokens/:id"] },
  {
    method: "POST",
    paths: ["/v1/invites"],
    body: () => bodyArb(["role", "email"], () => ({ role: "member", email: "invited@fuzz.test" })),
  },
  { method: "GET", paths: ["/v1/invites"] },
  { method: "DELETE", paths: ["/v1/invites/:id"] },
  {
    method: "GET",
    paths: ["/v1/audit"],
    query: queryArb(["cursor", "limit", "action", "memberId", "recordType", "recordId"], () => ({
      limit: "5",
      action: "create",
    })),
  },
  {
    method: "GET",
    paths: ["/v1/privacy/export"],
    query: queryArb(["email", "type", "id"], () => ({ email: "fuzz@lead.test" })),
  },
  {
    method: "POST",
    paths: ["/v1/privacy/erase"],
    body: () => bodyArb(["email", "type", "id"], () => ({ email: "nobody@fuzz.test" })),
  },
  {
    method: "GET",
    paths: ["lead-funnel", "lead-conversion", "pipeline", "forecast", "forecast/snapshots", "win-loss", "activity"].map(
      (report) => `/v1/reports/${report}`,
    ),
    query: queryArb(["from", "to", "owner", "source"], () => ({
      from: "2026-01-01",
      to: "2026-12-31",
      owner: team.members.member.id,
      source: "web",
    })),
  },
  { method: "GET", paths: ["/v1/api-keys"] },
  {
    method: "POST",
    paths: ["/v1/api-keys"],
    body: () => bodyArb(["name", "scope"], () => ({ name: "Fuzz", scope: "write" })),
  },
  {
    method: "DELETE",
    paths: ["/v1/api-keys/:id"],
    ids: () =>
      fc.oneof(
        anyId,
        fc.constant(null).map(() => ids.apiKey!),
      ),
  },
  { method: "GET", paths: ["/v1/calendar-feed"] },
  { method: "POST", paths: ["/v1/calendar-feed"] },
  { method: "DELETE", paths: ["/v1/calendar-feed"] },
  {
    method: "GET",
    paths: ["/v1/calendar/:file"],
    ids: () =>
      fc.oneof(
        anyId,
        fc.constant(null).map(() => ids.feed!),
        fc.stringMatching(/^[A-Za-z0-9_-]{20,60}\.ics$/),
      ),
  },
  {
    method: "GET",
    paths: ["/v1/export"],
    query: queryArb(["format", "type"], () => ({ format: "csv", type: "lead" })),
  },
  { method: "GET", paths: ["/v1/imports"] },
  {
    method: "POST",
    paths: ["/v1/imports"],
    body: () =>
      bodyArb(["format", "text", "fileName", "mapping", "defaults", "onMatch", "choices", "dryRun"], () => ({
        format: "csv",
        text: "Name,Email\nFuzz Person,fuzz-import@fuzz.test\n",
        dryRun: true,
      })),
  },
  { method: "POST", paths: ["/v1/imports/:id/undo"] },
  { method: "GET", paths: ["/v1/webhooks"] },
  {
    method: "POST",
    paths: ["/v1/webhooks"],
    body: () =>
      bodyArb(["url", "events", "filter", "enabled"], () => ({
        url: "https://hooks.fuzz.test/in",
        events: ["lead.created"],
        filter: { tag: "vip" },
      })),
  },
  {
    method: "PATCH",
    paths: ["/v1/webhooks/:id"],
    body: () => bodyArb(["url", "events", "filter", "enabled"], () => ({ enabled: false })),
  },
  { method: "DELETE", paths: ["/v1/webhooks/:id"] },
  { method: "POST", paths: ["/v1/webhooks/:id/restore", "/v1/webhooks/:id/rotate-secret"] },
  {
    method: "GET",
    paths: ["/v1/webhooks/:id/deliveries"],
    query: queryArb(["limit", "cursor"], () => ({ limit: "5" })),
  },
  { method: "POST", paths: ["/v1/webhooks/:id/deliveries/:deliveryId/replay"] },
];

/** The fuzzed routes as "METHOD /pattern". */
const FUZZED = ROUTES.flatMap((route) => route.paths.map((path) => `${route.method} ${path}`));

/**
 * The routes the app serves, as "METHOD /pattern", read from Hono's route table of the app built
 * by createApp (the one the test server runs, with the same settings). Middleware registered with
 * `use` appears there too, for every method ("ALL") on a wildcard path: it is not a route.
 */
function servedRoutes(): string[] {
  const app = createApp({
    database: server.database,
    env: EnvSchema.parse({ LEADPANE_DB_URL: server.dbUrl, LEADPANE_LOG: "off", ...UNLIMITED }),
  });
  const routes = app.routes.filter((route) => !(route.method === "ALL" && route.path.endsWith("*")));
  return [...new Set(routes.map((route) => `${route.method} ${route.path}`))].sort();
}

/** Fills each `:param` of a pattern. */
function pathArb(route: Route, pattern: string): fc.Arbitrary<string> {
  const params = pattern.match(/:\w+/g) ?? [];
  return fc
    .array(route.ids?.(pattern) ?? anyId, { minLength: params.length, maxLength: params.length })
    .map((values) => params.reduce((path, param, i) => path.replace(param, encodeURIComponent(values[i]!)), pattern));
}

async function send(method: string, path: string, headers: Record<string, string>, body: Body): Promise<Answer> {
  const withBody = body !== undefined && method !== "GET" && method !== "HEAD";
  const requestHeaders: Record<string, string> = {
    ...(withBody ? { "content-type": "application/json" } : {}),
    ...headers,
  };
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new Error(`${method} ${path} took longer than ${REQUEST_TIMEOUT_MS} ms`)),
    REQUEST_TIMEOUT_MS,
  );
  const text = withBody ? (body.raw ?? JSON.stringify(body.json)) : undefined;
  // A large body on a connection of its own: when the server answers before reading it all (401,
  // 413) it closes that connection, which a pooled fetch may already be reusing for the next request.
  if (text !== undefined && text.length > 16_384) {
    clearTimeout(timer);
    return sendAlone(method, path, requestHeaders, text);
  }
  try {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: requestHeaders,
      signal: controller.signal,
      ...(text !== undefined ? { body: text } : {}),
    });
    const type = response.headers.get("content-type") ?? "";
    if (type.includes("text/event-stream")) {
      // A long-held stream: its first event shows it opened; then hang up (the server must let go).
      const first = await response.body!.getReader().read();
      controller.abort();
      return { status: response.status, type, text: new TextDecoder().decode(first.value) };
    }
    return { status: response.status, type, text: await response.text() };
  } finally {
    clearTimeout(timer);
  }
}

/** One request on a fresh connection (no pooling), answered or failed within REQUEST_TIMEOUT_MS. */
function sendAlone(method: string, path: string, headers: Record<string, string>, text: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = httpRequest(
      `${server.url}${path}`,
      { method, headers, agent: false, timeout: REQUEST_TIMEOUT_MS },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          answered = true;
          resolve({
            status: res.statusCode ?? 0,
            type: String(res.headers["content-type"] ?? ""),
            text: Buffer.concat(chunks).toString("utf8"),
          });
        });
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`${method} ${path} took longer than ${REQUEST_TIMEOUT_MS} ms`)));
    // The server may answer (and hang up) before it read the whole body: the answer is what counts.
    req.on("error", (error) =>
      /EPIPE|ECONNRESET/.test(String((error as NodeJS.ErrnoException).code)) ? undefined : reject(error),
    );
    req.on("close", () => setImmediate(() => answered || reject(new Error(`${method} ${path}: closed unanswered`))));
    req.end(text);
  });
}

const CODES = new Set<string>(Object.values(ERROR_CODES).filter((code) => code !== ERROR_CODES.internal));
/** What a stack trace or a source location looks like in a body. */
const STACK = /\n\s*at |\bat \S+ \(|\.(?:ts|js|mjs|cjs):\d+(?::\d+)?|node_modules|\bstack\b/;
/** What a JavaScript error says when code met a value it did not expect (a built-in name taken for a value). */
const INTERNAL_ERROR =
  /is not a function|Cannot read propert|Cannot convert|is not iterable|Maximum call stack|RangeError|TypeError/;

/**
 * The contract for any answer: a 2xx, or a 4xx with `{ error: { code, message, issues? } }` and
 * nothing of the server's insides.
 */
function expectContractAnswer(what: string, res: Answer): void {
  const ok = res.status >= 200 && res.status < 300;
  const refused = res.status >= 400 && res.status < 500;
  expect(ok || refused, `${what} answered ${res.status}: ${res.text.slice(0, 1000)}`).toBe(true);
  if (ok) {
    if (res.type.includes("application/json")) {
      expect(() => JSON.parse(res.text), `${what}: a 2xx JSON body that does not parse`).not.toThrow();
      // A push's rejections speak plain words too.
      const results = (JSON.parse(res.text) as { results?: Array<{ error?: { message?: string } }> }).results;
      for (const result of Array.isArray(results) ? results : [])
        expect(result.error?.message ?? "", `${what}: a rejection with an internal error`).not.toMatch(INTERNAL_ERROR);
    }
    if (res.type.includes("text/event-stream")) expect(res.text).toMatch(/^event: ready\ndata: \{"cookie":\d+\}\n/);
    return;
  }
  expect(res.type, `${what}: ${res.status} not JSON`).toMatch(/^application\/json/);
  const parsed = JSON.parse(res.text) as { error: { code: string; message: string; issues?: unknown[] } };
  expect(Object.keys(parsed), what).toEqual(["error"]);
  expect(
    Object.keys(parsed.error).filter((key) => key !== "code" && key !== "message" && key !== "issues"),
    `${what}: extra error fields`,
  ).toEqual([]);
  expect(
    CODES.has(parsed.error.code),
    `${what}: error code ${JSON.stringify(parsed.error.code)} is not one of the contract's`,
  ).toBe(true);
  expect(typeof parsed.error.message, what).toBe("string");
  expect(parsed.error.message.length, what).toBeGreaterThan(0);
  if ("issues" in parsed.error) {
    expect(Array.isArray(parsed.error.issues), `${what}: issues not an array`).toBe(true);
    for (const issue of parsed.error.issues!) {
      expect(issue, what).toEqual({ path: expect.any(Array), message: expect.any(String), code: expect.any(String) });
      expect(
        (issue as { path: unknown[] }).path.every((p) => typeof p === "string" || typeof p === "number"),
        what,
      ).toBe(true);
    }
  }
  expect(res.text, `${what}: the error shows the server's insides`).not.toMatch(STACK);
  expect(parsed.error.message, `${what}: the error is an internal one`).not.toMatch(INTERNAL_ERROR);
}

describe("the fuzz list", () => {
  it("holds every route the app serves, and only those", () => {
    const served = servedRoutes();
    const fuzzed = new Set(FUZZED);
    expect(served.length).toBeGreaterThan(40);
    expect(
      served.filter((route) => !fuzzed.has(route)),
      "served but not fuzzed",
    ).toEqual([]);
    expect(
      FUZZED.filter((route) => !served.includes(route)),
      "fuzzed but not served",
    ).toEqual([]);
    expect(FUZZED.length, "a route fuzzed twice").toBe(fuzzed.size);
  });
});

describe("the fingerprint of what is stored", () => {
  it("reads every table, excludes only the listed columns, and sees a settings change", async () => {
    const tables = (await observer.execute("select name from sqlite_master where type = 'table'")).rows.map((row) =>
      String(row.name),
    );
    const before = await fingerprint();
    expect(Object.keys(before).sort()).toEqual(tables.sort());
    for (const table of [
      "workspaces",
      "members",
      "tokens",
      "invites",
      "records",
      "record_keys",
      "erasures",
      "sync_clients",
      "audit_log",
      "server_settings",
    ]) {
      expect(Object.keys(before)).toContain(table);
    }
    // Sensitive to one column of one row: a settings change alone, committed by the server's
    // connection (straight in the database, so no audit row or version moves with it), changes the
    // workspaces entry and nothing else; the fingerprint is not served stale from before it.
    const { client } = server.database;
    const settings = String(
      (await client.execute({ sql: "select settings from workspaces where id = ?", args: [team.workspaceId] })).rows[0]!
        .settings,
    );
    await client.execute({
      sql: "update workspaces set settings = ? where id = ?",
      args: [JSON.stringify({ ...JSON.parse(settings), currency: "JPY" }), team.workspaceId],
    });
    const changed = await fingerprint();
    await client.execute({
      sql: "update workspaces set settings = ? where id = ?",
      args: [settings, team.workspaceId],
    });
    expect(Object.keys(before).filter((table) => before[table] !== changed[table])).toEqual(["workspaces"]);
    expect(await fingerprint()).toEqual(before);
    // The one exclusion: a token's last use does not count.
    await client.execute({
      sql: "update tokens set last_used_at = ? where id = ?",
      args: ["2001-01-01T00:00:00.000Z", ids.token!],
    });
    expect(await fingerprint()).toEqual(before);
  });
});

describe("hostile values in every field of every record type (issue 14)", () => {
  const pushed = (type: Path, fields: Record<string, unknown>): Body => ({
    json: {
      protocolVersion: PROTOCOL_VERSION,
      clientId: newId(),
      mutations: [
        {
          id: 1,
          name: "create",
          args: { type: RECORD_KEYS[TYPES.indexOf(type)], id: newId(), fields },
          hlc: `${String(Date.now()).padStart(15, "0")}-00000-fuzz`,
        },
      ],
    },
  });
  for (const type of TYPES) {
    // Every field the type has (not only those of the example), each given hostile values shaped like it.
    const fields = Object.keys(FIELD_SCHEMAS[RECORD_KEYS[TYPES.indexOf(type)]!].shape);
    it(
      `${type}: created, patched and pushed with them, never 5xx or an internal message, nothing stored on 4xx`,
      async () => {
        const request = fc
          .tuple(fc.constantFrom(...fields), fc.constantFrom("create", "patch", "push", "deep"), fc.boolean())
          .chain(([field, how, viaPush]) =>
            hostileLike(CREATE[type]()[field] ?? "").map((value) => ({ field, how, viaPush, value })),
          );
        await fc.assert(
          fc.asyncProperty(request, async ({ field, how, viaPush, value }) => {
            const headers = { authorization: `Bearer ${team.members.member.token}` };
            const fieldsWith = { ...CREATE[type](), [field]: value };
            // "deep": the field nested 5,000 levels (past what JSON.stringify can take), sent as text.
            const deep = (json: unknown): Body => ({ raw: JSON.stringify(json).replace('"@@DEEP@@"', deepText(5000)) });
            const [method, path, body]: [string, string, Body] =
              how === "deep"
                ? viaPush
                  ? ["POST", "/v1/sync/push", deep(pushed(type, { ...CREATE[type](), [field]: "@@DEEP@@" })?.json)]
                  : ["POST", `/v1/${type}`, deep({ ...CREATE[type](), [field]: "@@DEEP@@" })]
                : how === "create"
                  ? ["POST", `/v1/${type}`, { json: fieldsWith }]
                  : how === "patch"
                    ? ["PATCH", `/v1/${type}/${ids[RECORD_KEYS[TYPES.indexOf(type)]!]}`, { json: { [field]: value } }]
                    : ["POST", "/v1/sync/push", pushed(type, fieldsWith)];
            const before = await fingerprint();
            const res = await send(method, path, headers, body);
            const what = `${how} ${type}.${field} = ${JSON.stringify(value)?.slice(0, 200)}`;
            expectContractAnswer(what, res);
            if (res.status >= 400)
              expect(await fingerprint(), `${what} answered ${res.status} and stored something`).toEqual(before);
          }),
          fuzzOptions(Math.max(30, RUNS)),
        );
      },
      TIME_LIMIT_MS + 30_000,
    );
  }
});

describe("fuzzing every route", () => {
  const statuses = new Map<string, number>();
  afterAll(() => {
    // Shows the fuzzing reached past validation: how often each route answered each status.
    if (process.env.FUZZ_STATS)
      console.log(
        [...statuses]
          .sort()
          .map(([k, n]) => `${k}: ${n}`)
          .join("\n"),
      );
  });
  for (const route of ROUTES) {
    for (const pattern of route.paths) {
      const name = `${route.method} ${pattern}`;
      it(
        `${name}: never 5xx, 4xx in the error shape, nothing stored on 4xx`,
        async () => {
          const request = fc.record({
            path: pathArb(route, pattern),
            query: route.query ?? queryArb(["x"]),
            body: route.body?.(pattern) ?? fc.constant<Body>(undefined),
            headers: headersArb(),
          });
          await fc.assert(
            fc.asyncProperty(request, async ({ path, query, body, headers }) => {
              const before = await fingerprint();
              const res = await send(route.method, `${path}${query}`, headers, body);
              statuses.set(`${name} ${res.status}`, (statuses.get(`${name} ${res.status}`) ?? 0) + 1);
              expectContractAnswer(`${route.method} ${path}${query}`, res);
              if (res.status >= 400)
                expect(
                  await fingerprint(),
                  `${route.method} ${path}${query} answered ${res.status} and stored something`,
                ).toEqual(before);
              else await route.undo?.(res);
            }),
            fuzzOptions(Math.max(1, Math.ceil(RUNS / route.paths.length))),
          );
        },
        TIME_LIMIT_MS + 30_000,
      );
    }
  }

  it("unknown routes or methods: 404 (401 in /v1/ without a valid token), error shape, nothing stored", async () => {
    const validTokens = new Set(Object.values(team.members).map((member) => `Bearer ${member.token}`));
    const servedPaths = ROUTES.flatMap((route) => route.paths.map((path) => path.replace(/:\w+/g, ids.lead!)));
    const request = fc.record({
      method: fc.constantFrom("PUT", "PATCH", "POST", "DELETE", "GET"),
      path: fc.oneof(
        printable.map((p) => `/v1/${encodeURIComponent(p)}/nothing-here`),
        fc.constantFrom(...servedPaths),
      ),
      headers: headersArb(),
    });
    await fc.assert(
      fc.asyncProperty(request, async ({ method, path, headers }) => {
        // Only method and path pairs the app does not serve (fast-check draws another).
        fc.pre(
          !FUZZED.some(
            (route) =>
              route.startsWith(`${method} `) &&
              new RegExp(`^${route.slice(method.length + 1).replace(/:\w+/g, "[^/]+")}$`).test(path),
          ),
        );
        const before = await fingerprint();
        const res = await send(method, path, headers, { json: { a: 1 } });
        expectContractAnswer(`${method} ${path}`, res);
        // Everything under /v1/ but sign-up, joining and the OpenAPI document is behind a token, which
        // is checked before the route is looked up (fetch resolves `..` and `.` before sending).
        const signedIn = validTokens.has(headers.authorization ?? "");
        const expected = new URL(`${server.url}${path}`).pathname.startsWith("/v1/") && !signedIn ? 401 : 404;
        expect(res.status, res.text).toBe(expected);
        expect(JSON.parse(res.text).error.code).toBe(
          expected === 401 ? ERROR_CODES.unauthorized : ERROR_CODES.notFound,
        );
        expect(await fingerprint()).toEqual(before);
      }),
      fuzzOptions(RUNS),
    );
  });
});

describe("fuzzing leaves the workspace working", () => {
  it("still serves its owner as the owner", async () => {
    const owner = team.members.owner;
    const me = await http(server.url, owner.token)("GET", "/v1/me");
    expect(me.status, JSON.stringify(me.body)).toBe(200);
    expect(me.body).toEqual({
      workspace: { id: team.workspaceId, name: "Fuzz" },
      member: { id: owner.id, name: "Olivia Owner", email: owner.email, role: "owner" },
    });
    // An owner-only route answers the owner.
    const exported = await http(server.url, owner.token)("GET", "/v1/export?format=json");
    expect(exported.status, JSON.stringify(exported.body).slice(0, 500)).toBe(200);
  });

  it("holds the records the fuzzing could not name exactly as they were created", async () => {
    expect(sentinels).toHaveLength(4);
    for (const { path, id, fields } of sentinels) {
      const res = await http(server.url, team.members.viewer.token)("GET", `/v1/${path}/${id}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ id, ...fields });
    }
  });
});
