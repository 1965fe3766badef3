import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  formatHlc,
  type OutboxMutation,
  PROTOCOL_VERSION,
  type PushResponse,
  pushInOrder,
} from "@leadpane/domain/sync";
import { newId } from "@leadpane/domain";
import { http, signUp, startTestServer, type TestServer } from "../testing/server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

let wall = Date.now();
const clock = (node: string) => formatHlc({ wall: ++wall, counter: 0, node });

function createLead(id: number, leadId: string, name: string, clientId: string) {
  return {
    id,
    name: "create",
    args: { type: "lead", id: leadId, fields: { name, emails: [`${name.toLowerCase()}@acme.com`] } },
    hlc: clock(clientId),
  };
}

describe("sync push and pull", () => {
  it("applies each mutation exactly once and acknowledges the last processed id", async () => {
    const { token } = await signUp(server.url);
    const api = http(server.url, token);
    const clientId = newId();
    const leadId = newId();
    const batch = {
      protocolVersion: PROTOCOL_VERSION,
      clientId,
      mutations: [
        createLead(1, leadId, "Jane", clientId),
        { id: 2, name: "update", args: { type: "lead", id: leadId, set: { title: "CTO" } }, hlc: clock(clientId) },
      ],
    };
    const first = await api("POST", "/v1/sync/push", batch);
    expect(first.body).toEqual({
      lastMutationId: 2,
      results: [
        { id: 1, status: "applied" },
        { id: 2, status: "applied" },
      ],
    });
    const replay = await api("POST", "/v1/sync/push", batch);
    expect(replay.body.results.map((r: { status: string }) => r.status)).toEqual(["duplicate", "duplicate"]);
    const leads = await api("GET", "/v1/leads");
    expect(leads.body.items).toHaveLength(1);
    expect(leads.body.items[0]).toMatchObject({ name: "Jane", title: "CTO" });
  });

  it("marks a mutation that can never apply as processed and reports it", async () => {
    const { token } = await signUp(server.url);
    const clientId = newId();
    const res = await http(server.url, token)("POST", "/v1/sync/push", {
      protocolVersion: PROTOCOL_VERSION,
      clientId,
      mutations: [
        { id: 1, name: "update", args: { type: "lead", id: newId(), set: { title: "x" } }, hlc: clock(clientId) },
        createLead(2, newId(), "Ok", clientId),
      ],
    });
    expect(res.body.lastMutationId).toBe(2);
    expect(res.body.results).toEqual([
      { id: 1, status: "rejected", error: { code: "not_found", message: expect.any(String) } },
      { id: 2, status: "applied" },
    ]);
  });

  it("refuses a viewer's push whole (403), storing nothing of it", async () => {
    const { token, member } = await signUp(server.url);
    const api = http(server.url, token);
    const clientId = newId();
    expect(
      (
        await api("POST", "/v1/sync/push", {
          protocolVersion: PROTOCOL_VERSION,
          clientId,
          mutations: [createLead(1, newId(), "Before", clientId)],
        })
      ).status,
    ).toBe(200);
    // Demoted while changes 2 and 3 waited offline.
    await server.database.client.execute({ sql: "UPDATE members SET role = 'viewer' WHERE id = ?", args: [member.id] });
    const res = await api("POST", "/v1/sync/push", {
      protocolVersion: PROTOCOL_VERSION,
      clientId,
      mutations: [
        createLead(2, newId(), "Queued", clientId),
        { id: 3, name: "update", args: { type: "lead", id: newId(), set: { title: "x" } }, hlc: clock(clientId) },
      ],
    });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({
      error: { code: "forbidden", message: expect.stringContaining("Viewers cannot make changes") },
    });
    // Nothing processed: were the member made a writer again, the same changes would apply.
    const pulled = await api("GET", `/v1/sync/pull?protocolVersion=${PROTOCOL_VERSION}&clientId=${clientId}`);
    expect(pulled.body.patch.map((op: { record: { data: { name: string } } }) => op.record.data.name)).toEqual([
      "Before",
    ]);
    expect(pulled.body.lastMutationIDChanges).toEqual({ [clientId]: 1 });
  });

  it("refuses a gap in mutation ids and an outdated protocol", async () => {
    const { token } = await signUp(server.url);
    const api = http(server.url, token);
    const clientId = newId();
    const gap = await api("POST", "/v1/sync/push", {
      protocolVersion: PROTOCOL_VERSION,
      clientId,
      mutations: [createLead(3, newId(), "Gap", clientId)],
    });
    expect(gap).toMatchObject({ status: 409, body: { error: { code: "mutation_gap" } } });
    for (const protocolVersion of [0, PROTOCOL_VERSION + 1]) {
      const other = await api("POST", "/v1/sync/push", {
        protocolVersion,
        clientId,
        mutations: [createLead(1, newId(), "Other", clientId)],
      });
      expect(other).toMatchObject({ status: 409, body: { error: { code: "protocol_mismatch" } } });
      const pulled = await api("GET", `/v1/sync/pull?protocolVersion=${protocolVersion}&clientId=${clientId}`);
      expect(pulled).toMatchObject({ status: 409, body: { error: { code: "protocol_mismatch" } } });
    }
    expect((await api("GET", "/v1/leads")).body.items).toEqual([]);
  });

  it("keeps serving an extension one protocol behind: version 2 only added a mutation", async () => {
    const { token } = await signUp(server.url);
    const api = http(server.url, token);
    const clientId = newId();
    const pushed = await api("POST", "/v1/sync/push", {
      protocolVersion: 1,
      clientId,
      mutations: [createLead(1, newId(), "Older", clientId)],
    });
    expect(pushed).toMatchObject({ status: 200, body: { lastMutationId: 1 } });
    const pulled = await api("GET", `/v1/sync/pull?protocolVersion=1&clientId=${clientId}`);
    expect(pulled.status).toBe(200);
    expect(pulled.body.patch.map((op: { record: { data: { name: string } } }) => op.record.data.name)).toEqual([
      "Older",
    ]);
  });

  it("pulls everything in pages that never split a push, and a teammate sees the changes", async () => {
    const owner = await signUp(server.url);
    const code = (await http(server.url, owner.token)("POST", "/v1/invites", { role: "member" })).body.code;
    const mate = (await http(server.url)("POST", "/v1/invites/accept", { code, name: "Bob", email: "bob@acme.test" }))
      .body;
    const clientId = newId();
    const api = http(server.url, owner.token);
    let next = 1;
    for (const size of [3, 4, 2]) {
      const mutations = Array.from({ length: size }, () => createLead(next++, newId(), `P${next}`, clientId));
      expect(
        (await api("POST", "/v1/sync/push", { protocolVersion: PROTOCOL_VERSION, clientId, mutations })).status,
      ).toBe(200);
    }
    const mateClient = newId();
    const pages: number[] = [];
    const remaining: Array<string | null> = [];
    let cookie = 0;
    for (;;) {
      const page = await http(server.url, mate.token)(
        "GET",
        `/v1/sync/pull?protocolVersion=${PROTOCOL_VERSION}&clientId=${mateClient}&cookie=${cookie}&limit=2`,
      );
      expect(page.status).toBe(200);
      pages.push(page.body.patch.length);
      remaining.push(page.headers.get("leadpane-pull-remaining"));
      cookie = page.body.cookie;
      if (!page.body.hasMore) break;
    }
    // Limit 2, but the pushes had 3, 4 and 2 mutations: each page holds whole pushes.
    expect(pages).toEqual([3, 4, 2]);
    // A first load's first page says how many changes follow it (its progress line); later pages do not.
    expect(remaining).toEqual(["6", null, null]);
    const again = await http(server.url, mate.token)(
      "GET",
      `/v1/sync/pull?protocolVersion=${PROTOCOL_VERSION}&clientId=${mateClient}&cookie=${cookie}`,
    );
    expect(again.body.patch).toEqual([]);
    expect(again.body.members.map((m: { name: string }) => m.name).sort()).toEqual(["Bob", "Olivia Owner"]);
  });

  it("finds a lead by email, domain and profile URL through lookup, with its activities", async () => {
    const { token } = await signUp(server.url);
    const api = http(server.url, token);
    const lead = (
      await api("POST", "/v1/leads", {
        name: "Jane Doe",
        emails: ["jane@globex.com"],
        urls: ["https://www.linkedin.com/in/JaneDoe/"],
      })
    ).body;
    await api("POST", "/v1/activities", {
      type: "capture",
      subject: { type: "lead", id: lead.id },
      occurredAt: new Date().toISOString(),
      data: { url: "https://globex.com/team" },
    });
    for (const query of [
      "email=JANE@globex.com",
      "domain=www.globex.com",
      "url=https%3A%2F%2Flinkedin.com%2Fin%2Fjanedoe",
      "url=https%3A%2F%2Fglobex.com%2Fabout",
    ]) {
      const res = await api("GET", `/v1/lookup?${query}`);
      expect(res.status).toBe(200);
      expect(res.body.leads.map((l: { id: string }) => l.id)).toEqual([lead.id]);
      expect(res.body.activities[0]).toMatchObject({ type: "capture", subject: { id: lead.id } });
    }
    expect((await api("GET", "/v1/lookup?domain=gmail.com")).body.leads).toEqual([]);
    expect((await api("GET", "/v1/lookup")).status).toBe(400);
  });
});

/** A 409 or other refusal from the push route, as a client's transport would throw it. */
class Refused extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(`${status} ${code}`);
  }
}

describe("two pushes on their way (pushInOrder) against the server", () => {
  /** An outbox of `total` mutations, every third an update of a lead that does not exist (rejected). */
  function outboxOf(total: number, clientId: string): OutboxMutation[] {
    return Array.from({ length: total }, (_, i) => {
      const id = i + 1;
      const m =
        id % 3 === 0
          ? { id, name: "update", args: { type: "lead", id: newId(), set: { title: "x" } }, hlc: clock(clientId) }
          : createLead(id, newId(), `Lead${id}`, clientId);
      return { ...m, createdAt: new Date().toISOString() };
    });
  }

  /** A client over HTTP with batches of 3; `hold` may delay a push's request until it resolves. */
  function pipelineClient(token: string, clientId: string, outbox: OutboxMutation[]) {
    const api = http(server.url, token);
    const state = { outbox, reported: [] as number[], sent: [] as number[], hold: {} as Record<number, Promise<void>> };
    const answered: Record<number, () => void> = {};
    const io = {
      next: async (after: number) => state.outbox.filter((m) => m.id > after).slice(0, 3),
      send: async (batch: OutboxMutation[]): Promise<PushResponse> => {
        await state.hold[batch[0]!.id];
        state.sent.push(batch[0]!.id);
        const res = await api("POST", "/v1/sync/push", {
          protocolVersion: PROTOCOL_VERSION,
          clientId,
          mutations: batch.map(({ id, name, args, hlc }) => ({ id, name, args, hlc })),
        });
        answered[batch[0]!.id]?.();
        if (res.status !== 200) throw new Refused(res.status, res.body.error.code);
        return res.body;
      },
      isGap: (error: unknown) => error instanceof Refused && error.status === 409 && error.code === "mutation_gap",
      store: async (_batch: OutboxMutation[], answer: PushResponse) => {
        state.reported.push(...answer.results.filter((r) => r.status === "rejected").map((r) => r.id));
        state.outbox = state.outbox.filter((m) => m.id > answer.lastMutationId);
      },
    };
    /** A promise that resolves once the push starting at `id` is answered. */
    const answerOf = (id: number) => new Promise<void>((resolve) => (answered[id] = resolve));
    return { api, io, state, answerOf };
  }

  it("a push that overtook the one before it is refused on the gap and sent again: each mutation applied once, in order, every rejection reported", async () => {
    const { token } = await signUp(server.url);
    const clientId = newId();
    const { api, io, state, answerOf } = pipelineClient(token, clientId, outboxOf(12, clientId));
    // The second push leaves only once the third has been answered: the third overtakes it.
    state.hold[4] = answerOf(7);
    await pushInOrder(io);
    // The third push went first and was refused on the gap, then again in its turn.
    expect(state.sent.slice(0, 3)).toEqual([1, 7, 4]);
    expect(state.sent.filter((id) => id === 7)).toHaveLength(2);
    expect(state.outbox).toEqual([]);
    expect(state.reported).toEqual([3, 6, 9, 12]);
    const leads = (await api("GET", "/v1/leads?limit=100")).body.items as Array<{ name: string }>;
    expect(leads.map((lead) => lead.name).sort()).toEqual([
      "Lead1",
      "Lead10",
      "Lead11",
      "Lead2",
      "Lead4",
      "Lead5",
      "Lead7",
      "Lead8",
    ]);
    const pulled = await api("GET", `/v1/sync/pull?protocolVersion=${PROTOCOL_VERSION}&clientId=${clientId}`);
    expect(pulled.body.lastMutationIDChanges).toEqual({ [clientId]: 12 });
  });

  it("a push whose answer is lost while the next one applies: the round fails, the next one's rejection is still reported, the next round finishes", async () => {
    const { token } = await signUp(server.url);
    const clientId = newId();
    const { io, state, answerOf } = pipelineClient(token, clientId, outboxOf(9, clientId));
    const send = io.send;
    // The second push is applied but its answer is lost; the third leaves after it was applied.
    state.hold[7] = answerOf(4);
    io.send = async (batch) => {
      const answer = await send(batch);
      if (batch[0]!.id === 4 && state.sent.filter((id) => id === 4).length === 1)
        throw new TypeError("Failed to fetch");
      return answer;
    };
    await expect(pushInOrder(io)).rejects.toBeInstanceOf(TypeError);
    // Mutation 9's rejection arrived with the third push's answer: reported although the round failed.
    expect(state.reported).toEqual([3, 9]);
    expect(state.outbox).toEqual([]);
    await pushInOrder(io);
    expect(state.reported).toEqual([3, 9]);
  });
});

describe("undo through sync (revertFields, sync protocol 3)", () => {
  const push = (api: ReturnType<typeof http>, clientId: string, from: number, mutations: object[]) =>
    api("POST", "/v1/sync/push", {
      protocolVersion: PROTOCOL_VERSION,
      clientId,
      mutations: mutations.map((m, i) => ({ id: from + i, hlc: clock(clientId), ...m })),
    });

  it("undoes a conversion: the lead reverts, what it created goes, over HTTP", async () => {
    const { token } = await signUp(server.url);
    const api = http(server.url, token);
    const clientId = newId();
    const [leadId, contactId, companyId, dealId, activityId] = [newId(), newId(), newId(), newId(), newId()];
    await push(api, clientId, 1, [
      {
        name: "create",
        args: { type: "lead", id: leadId, fields: { name: "Jane", companyName: "Acme", status: "qualified" } },
      },
      {
        name: "convertLead",
        args: { leadId, contactId, companyId, activityId, dealId, deal: { title: "Acme deal", amount: 1_920_000 } },
      },
    ]);
    expect((await api("GET", `/v1/leads/${leadId}`)).body).toMatchObject({ status: "converted" });
    const undo = await push(api, clientId, 3, [
      {
        name: "revertFields",
        args: {
          type: "lead",
          id: leadId,
          fields: {
            status: { from: "converted", to: "qualified" },
            convertedContactId: { from: contactId, to: null },
            convertedCompanyId: { from: companyId, to: null },
            convertedDealId: { from: dealId, to: null },
            companyId: { from: companyId, to: null },
          },
        },
      },
      { name: "delete", args: { type: "contact", id: contactId } },
      { name: "delete", args: { type: "company", id: companyId } },
      { name: "delete", args: { type: "deal", id: dealId } },
      { name: "delete", args: { type: "activity", id: activityId } },
    ]);
    expect(undo.body.results.map((r: { status: string }) => r.status)).toEqual(Array(5).fill("applied"));
    expect((await api("GET", `/v1/leads/${leadId}`)).body).toMatchObject({
      status: "qualified",
      convertedContactId: null,
      convertedDealId: null,
    });
    expect((await api("GET", "/v1/deals")).body.items).toEqual([]);
    expect((await api("GET", "/v1/contacts")).body.items).toEqual([]);
  });

  it("undoes a merge: the merged lead comes back once its mergedIntoId is reverted, the survivor's title too", async () => {
    const { token } = await signUp(server.url);
    const api = http(server.url, token);
    const clientId = newId();
    const [survivorId, mergedId] = [newId(), newId()];
    await push(api, clientId, 1, [
      { name: "create", args: { type: "lead", id: survivorId, fields: { name: "Jane Doe" } } },
      { name: "create", args: { type: "lead", id: mergedId, fields: { name: "Jane D.", title: "CTO" } } },
      { name: "mergeRecords", args: { type: "lead", survivorId, mergedId } },
    ]);
    expect((await api("GET", `/v1/leads/${survivorId}`)).body.title).toBe("CTO");
    const undo = await push(api, clientId, 4, [
      { name: "revertFields", args: { type: "lead", id: survivorId, fields: { title: { from: "CTO", to: null } } } },
      {
        name: "revertFields",
        args: { type: "lead", id: mergedId, fields: { mergedIntoId: { from: survivorId, to: null } } },
      },
      { name: "restore", args: { type: "lead", id: mergedId } },
    ]);
    expect(undo.body.results.map((r: { status: string }) => r.status)).toEqual(["applied", "applied", "applied"]);
    expect((await api("GET", `/v1/leads/${mergedId}`)).body).toMatchObject({ title: "CTO", mergedIntoId: null });
    expect((await api("GET", `/v1/leads/${survivorId}`)).body.title).toBeNull();
  });

  it("keeps a teammate's status that reached the server after the action, and refuses a set field", async () => {
    const owner = await signUp(server.url);
    const code = (await http(server.url, owner.token)("POST", "/v1/invites", { role: "member" })).body.code;
    const mate = (await http(server.url)("POST", "/v1/invites/accept", { code, name: "Bob", email: "bob@acme.test" }))
      .body;
    const rep = http(server.url, owner.token);
    const [repClient, mateClient, leadId] = [newId(), newId(), newId()];
    await push(rep, repClient, 1, [
      { name: "create", args: { type: "lead", id: leadId, fields: { name: "Jane", status: "new" } } },
      { name: "setLeadStatus", args: { leadId, status: "working", activityId: newId() } },
    ]);
    await push(http(server.url, mate.token), mateClient, 1, [
      { name: "setLeadStatus", args: { leadId, status: "qualified", activityId: newId() } },
    ]);
    const undo = await push(rep, repClient, 3, [
      { name: "revertFields", args: { type: "lead", id: leadId, fields: { status: { from: "working", to: "new" } } } },
      { name: "revertFields", args: { type: "lead", id: leadId, fields: { tags: { from: [], to: ["x"] } } } },
    ]);
    expect(undo.body.results).toEqual([
      { id: 3, status: "applied" },
      { id: 4, status: "rejected", error: { code: "invalid", message: expect.stringContaining("tags") } },
    ]);
    expect((await rep("GET", `/v1/leads/${leadId}`)).body.status).toBe("qualified");
  });
});
