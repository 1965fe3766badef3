import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "@leadpane/domain";
import { formatHlc, PROTOCOL_VERSION } from "@leadpane/domain/sync";
import { http, signUp, startTestServer, type TestServer } from "../testing/server.ts";
import { UNLIMITED } from "../testing/team.ts";

// A lone surrogate ("\ud800", half of a character) survives JSON as an escape; SQLite's JSON
// functions decode that escape into bytes that are not UTF-8, and libSQL's client aborts the
// process reading them back (found by the route fuzzing). No route and no push may store one.

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(UNLIMITED);
});
afterAll(async () => server.close());

const LONE = "half \ud800 a character";
const now = () => new Date().toISOString();

describe("text with a broken character (a lone surrogate)", () => {
  it("is refused in every free-form place over HTTP and per mutation in a push, and every query still answers", async () => {
    const owner = await signUp(server.url);
    const api = http(server.url, owner.token);
    const lead = await api("POST", "/v1/leads", { name: "Pat Poison", emails: ["pat@poison.test"], tags: ["x"] });
    expect(lead.status).toBe(201);
    const subject = { type: "lead", id: lead.body.id };

    const bodies: Array<[string, string, unknown]> = [
      ["POST", "/v1/activities", { type: "note", subject, occurredAt: now(), body: "ok", data: { [LONE]: 1 } }],
      ["POST", "/v1/activities", { type: "note", subject, occurredAt: now(), body: "ok", data: { note: LONE } }],
      ["POST", "/v1/activities", { type: "note", subject, occurredAt: now(), body: LONE }],
      ["PATCH", `/v1/leads/${lead.body.id}`, { custom: { size: LONE } }],
      ["POST", "/v1/companies", { name: "Acme", address: LONE }],
      ["PATCH", "/v1/workspace/settings", { pipeline: [{ key: "a", label: LONE, probability: 0.5 }] }],
    ];
    for (const [method, path, body] of bodies) {
      const res = await api(method, path, body);
      expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBe(400);
      expect(res.body.error.code).toBe("invalid_input");
    }

    const clientId = newId();
    const push = await api("POST", "/v1/sync/push", {
      protocolVersion: PROTOCOL_VERSION,
      clientId,
      mutations: [
        {
          id: 1,
          name: "create",
          hlc: formatHlc({ wall: Date.now(), counter: 0, node: "c" }),
          args: {
            type: "activity",
            id: newId(),
            fields: { type: "note", subject, occurredAt: now(), body: "ok", data: { [LONE]: LONE } },
          },
        },
      ],
    });
    expect(push.status).toBe(200);
    expect(push.body.results[0]).toMatchObject({ status: "rejected", error: { code: "invalid" } });
    expect(push.body.results[0].error.message).toMatch(/broken characters/);

    // Nothing got in: every query over the stored JSON answers.
    for (const path of [
      "/v1/privacy/export?email=pat@poison.test",
      "/v1/activities?tag=x",
      "/v1/leads?tag=x",
      "/v1/trash",
      "/v1/export?format=json",
      `/v1/sync/pull?protocolVersion=${PROTOCOL_VERSION}&clientId=${clientId}&cookie=0&limit=100`,
    ]) {
      expect((await api("GET", path)).status, path).toBe(200);
    }
  });
});
