import { createApiClient } from "@leadpane/api/client";
import { ERROR_CODES, newId } from "@leadpane/domain";
import { PROTOCOL_VERSION } from "@leadpane/domain/sync";
import { describe, expect, it } from "vitest";
import { ApiRequestError } from "../api.ts";
import { describeSyncError, InvalidAnswerError, pullPage, pushBatch, withinBytes } from "./engine.ts";

describe("describeSyncError", () => {
  it("tells the user what to do for the sync protocol's own refusals", () => {
    expect(describeSyncError(new ApiRequestError(409, ERROR_CODES.protocolMismatch, "x"))).toMatchObject({
      online: true,
      code: "protocol_mismatch",
      message: expect.stringMatching(/^Update Leadpane/),
    });
    expect(describeSyncError(new ApiRequestError(409, ERROR_CODES.mutationGap, "x"))).toMatchObject({
      online: true,
      code: "mutation_gap",
      message: expect.stringMatching(/sign out and in again/),
    });
  });

  it("passes any other refusal on in the server's words; a network failure is offline", () => {
    expect(
      describeSyncError(new ApiRequestError(409, ERROR_CODES.conflict, "This client id belongs to another member")),
    ).toEqual({ online: true, code: "conflict", message: "This client id belongs to another member" });
    expect(describeSyncError(new TypeError("Failed to fetch"))).toMatchObject({ online: false, code: null });
  });

  it("says a web page where the server should be is not Leadpane, not what JSON.parse said", () => {
    const described = describeSyncError(new SyntaxError("Unexpected token '<', \"<!doctype \"... is not valid JSON"));
    expect(described).toMatchObject({ online: true, code: "invalid_answer" });
    expect(described.message).toBe(
      "The server's answer is not Leadpane's (a web page?): check the server URL in Settings",
    );
  });
});

/** The typed client over a fake server that answers every request with `status` and `body`. */
function answering(status: number, body: unknown) {
  return createApiClient("http://api.test", {
    token: "t",
    fetch: async () => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } }),
  });
}

const clientId = newId();
const lead = {
  type: "lead",
  id: newId(),
  data: { name: "Ann" },
  meta: { clocks: {}, sets: {}, history: [] },
  deleted: false,
  version: 3,
};
const page = {
  protocolVersion: PROTOCOL_VERSION,
  cookie: 3,
  lastMutationIDChanges: { [clientId]: 2 },
  patch: [{ op: "put", record: lead }],
  hasMore: false,
  members: [{ id: newId(), name: "Ann", email: "ann@team.test", role: "owner" }],
  settings: { defaultRegion: "DE", currency: "EUR" },
  serverTime: "2026-01-02T03:04:05.000Z",
};
const mutation = {
  id: 1,
  name: "create",
  args: {},
  hlc: "000001700000000-00000-client",
  createdAt: "2026-01-02T03:04:05.000Z",
};

describe("the answers a sync round applies", () => {
  it("are pull pages and push answers as the protocol's schemas define them", async () => {
    const pulled = await pullPage(answering(200, page), clientId, 0);
    expect(pulled.patch).toEqual([{ op: "put", record: lead }]);
    expect(pulled.settings.pipeline.length).toBeGreaterThan(0);
    expect(
      await pushBatch(answering(200, { lastMutationId: 1, results: [{ id: 1, status: "applied" }] }), clientId, [
        mutation,
      ]),
    ).toEqual({ lastMutationId: 1, results: [{ id: 1, status: "applied" }] });
  });

  it("refuse a pull page not matching the protocol before applying any of it; say so in the sync state", async () => {
    const wrong = { ...page, patch: [{ op: "put", record: { ...lead, version: "3" } }] };
    const refused = pullPage(answering(200, wrong), clientId, 0);
    await expect(refused).rejects.toBeInstanceOf(InvalidAnswerError);
    const error = await refused.catch((e: unknown) => e);
    expect(describeSyncError(error)).toEqual({
      online: true,
      code: "invalid_answer",
      message:
        "The server's pull page is not what this version of Leadpane expects: none of it was applied. Check the server URL in Settings, or update Leadpane",
    });
    // The detail stays in the error itself (the console), never in the words shown.
    expect((error as Error).message).toContain("patch.0.record.version: Invalid input: expected number");
    await expect(pullPage(answering(200, { ...page, cookie: undefined }), clientId, 0)).rejects.toThrow(/cookie/);
    await expect(pullPage(answering(200, null), clientId, 0)).rejects.toThrow(/the whole answer/);
  });

  it("refuse push answers not matching the protocol; a contract-shaped refusal stays an ApiRequestError", async () => {
    await expect(pushBatch(answering(200, { lastMutationId: 1 }), clientId, [mutation])).rejects.toThrow(
      /push answer .*results/,
    );
    await expect(
      pushBatch(answering(403, { error: { code: ERROR_CODES.forbidden, message: "Viewers cannot write" } }), clientId, [
        mutation,
      ]),
    ).rejects.toMatchObject({
      status: 403,
      code: ERROR_CODES.forbidden,
    });
  });
});

describe("withinBytes", () => {
  const entry = (id: number, note: string) => ({
    id,
    name: "update",
    args: { type: "lead", id: "x", set: { notes: note } },
    hlc: "h",
    createdAt: "t",
  });

  it("keeps the oldest entries whose JSON (in UTF-8 bytes) fits, and always the first one", () => {
    const batch = [1, 2, 3, 4].map((id) => entry(id, "é".repeat(400)));
    const one = new TextEncoder().encode(
      JSON.stringify({ id: 1, name: "update", args: batch[0]!.args, hlc: "h" }),
    ).length;
    // 400 "é" are 800 bytes: counted as characters, all four would seem to fit in 2.5 entries' bytes.
    expect(withinBytes(batch, Math.floor(one * 2.5)).map((m) => m.id)).toEqual([1, 2]);
    expect(withinBytes(batch, one * 10).map((m) => m.id)).toEqual([1, 2, 3, 4]);
    expect(withinBytes(batch, 10).map((m) => m.id)).toEqual([1]);
  });
});
