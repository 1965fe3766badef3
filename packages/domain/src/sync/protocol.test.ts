import { describe, expect, it } from "vitest";
import { MUTATION_ARGS } from "../mutations/registry.ts";
import { formatHlc } from "./hlc.ts";
import {
  DEFAULT_PULL_LIMIT,
  MAX_PULL_LIMIT,
  MAX_PUSH_MUTATIONS,
  MutationResultSchema,
  OLDEST_CLIENT_PROTOCOL,
  PatchOpSchema,
  PullQuerySchema,
  PROTOCOL_VERSION,
  PullResponseSchema,
  PushRequestSchema,
  PushResponseSchema,
  servesProtocol,
} from "./protocol.ts";
import { SyncedRecordSchema } from "./record.ts";

const ID = "01890a5d-ac96-774b-bcce-b302099a8057";
const hlc = formatHlc({ wall: 1_700_000_000_000, counter: 0, node: "a" });
const envelope = (id: number) => ({ id, name: "delete", args: { type: "lead", id: ID }, hlc });
const record = {
  type: "lead",
  id: ID,
  data: { name: "Jane" },
  meta: {
    clocks: { name: hlc },
    sets: { tags: { vip: [hlc] } },
    history: [{ field: "title", value: "CEO", hlc, replacedBy: hlc, by: null, at: "2026-01-01T00:00:00.000Z" }],
  },
  deleted: false,
  version: 3,
};

describe("sync protocol messages", () => {
  it("accepts a push of 1 to MAX_PUSH_MUTATIONS gap-free envelopes with valid clocks", () => {
    const push = (mutations: unknown[]) =>
      PushRequestSchema.safeParse({ protocolVersion: 1, clientId: ID, mutations }).success;
    expect(push([envelope(1)])).toBe(true);
    expect(push(Array.from({ length: MAX_PUSH_MUTATIONS }, (_, i) => envelope(i + 1)))).toBe(true);
    expect(push([])).toBe(false);
    expect(push(Array.from({ length: MAX_PUSH_MUTATIONS + 1 }, (_, i) => envelope(i + 1)))).toBe(false);
    expect(push([envelope(0)])).toBe(false);
    expect(push([envelope(Number.MAX_SAFE_INTEGER)])).toBe(true);
    expect(push([envelope(1.5)])).toBe(false);
    expect(push([{ ...envelope(1), name: "frobnicate" }])).toBe(false);
    expect(push([{ ...envelope(1), hlc: "yesterday" }])).toBe(false);
    expect(PushRequestSchema.safeParse({ protocolVersion: 1, clientId: "me", mutations: [envelope(1)] }).success).toBe(
      false,
    );
  });

  it("answers each mutation as applied, duplicate or rejected with an error", () => {
    for (const status of ["applied", "duplicate", "rejected"])
      expect(MutationResultSchema.safeParse({ id: 1, status }).success, status).toBe(true);
    expect(MutationResultSchema.safeParse({ id: 1, status: "lost" }).success).toBe(false);
    expect(
      MutationResultSchema.safeParse({ id: 1, status: "rejected", error: { code: "invalid", message: "no" } }).success,
    ).toBe(true);
    expect(MutationResultSchema.safeParse({ id: 1, status: "rejected", error: { code: "invalid" } }).success).toBe(
      false,
    );
    expect(PushResponseSchema.safeParse({ lastMutationId: 2, results: [{ id: 2, status: "applied" }] }).success).toBe(
      true,
    );
    expect(PushResponseSchema.safeParse({ results: [] }).success).toBe(false);
  });

  it("reads a pull query from strings, with a default cookie and limit", () => {
    expect(PullQuerySchema.parse({ protocolVersion: "1", clientId: ID })).toEqual({
      protocolVersion: 1,
      clientId: ID,
      cookie: 0,
      limit: DEFAULT_PULL_LIMIT,
    });
    expect(
      PullQuerySchema.parse({ protocolVersion: "1", clientId: ID, cookie: "42", limit: String(MAX_PULL_LIMIT) }),
    ).toMatchObject({ cookie: 42, limit: MAX_PULL_LIMIT });
    expect(PullQuerySchema.safeParse({ protocolVersion: "1", clientId: ID, cookie: "-1" }).success).toBe(false);
    expect(PullQuerySchema.safeParse({ protocolVersion: "1", clientId: ID, limit: "0" }).success).toBe(false);
    expect(PullQuerySchema.safeParse({ protocolVersion: "1", clientId: ID, limit: "1" }).success).toBe(true);
    expect(
      PullQuerySchema.safeParse({ protocolVersion: "1", clientId: ID, limit: String(MAX_PULL_LIMIT + 1) }).success,
    ).toBe(false);
  });

  it("carries records with their sync metadata, and erasures, in a pull page", () => {
    expect(SyncedRecordSchema.parse(record)).toEqual(record);
    expect(
      SyncedRecordSchema.safeParse({ ...record, meta: { ...record.meta, history: [{ field: "title" }] } }).success,
    ).toBe(false);
    expect(SyncedRecordSchema.safeParse({ ...record, deleted: "no" }).success).toBe(false);
    expect(SyncedRecordSchema.safeParse({ ...record, type: "memo" }).success).toBe(false);
    expect(PatchOpSchema.parse({ op: "put", record })).toEqual({ op: "put", record });
    expect(PatchOpSchema.parse({ op: "del", type: "lead", id: ID })).toEqual({ op: "del", type: "lead", id: ID });
    expect(PatchOpSchema.safeParse({ op: "del", record }).success).toBe(false);
    expect(PatchOpSchema.safeParse({ op: "put", type: "lead", id: ID }).success).toBe(false);
    const pull = {
      protocolVersion: 1,
      cookie: 4,
      lastMutationIDChanges: { [ID]: 2 },
      patch: [{ op: "put", record }],
      hasMore: false,
      members: [],
      settings: {},
      serverTime: "2026-01-01T00:00:00.000Z",
    };
    expect(PullResponseSchema.safeParse(pull).success).toBe(true);
    expect(PullResponseSchema.safeParse({ ...pull, hasMore: undefined }).success).toBe(false);
  });
});

describe("mutation arguments", () => {
  it("bounds what a remove may carry", () => {
    const remove = (observed: unknown) =>
      MUTATION_ARGS.remove.safeParse({ type: "lead", id: ID, field: "tags", observed }).success;
    expect(remove({ vip: [hlc] })).toBe(true);
    expect(remove({ ["x".repeat(2048)]: ["c".repeat(100)] })).toBe(true);
    expect(remove({ ["x".repeat(2049)]: [hlc] })).toBe(false);
    expect(remove({ vip: ["c".repeat(101)] })).toBe(false);
    expect(remove({ vip: Array.from({ length: 100 }, () => hlc) })).toBe(true);
    expect(remove({ vip: Array.from({ length: 101 }, () => hlc) })).toBe(false);
    expect(MUTATION_ARGS.remove.safeParse({ type: "lead", id: ID, field: "title", observed: {} }).success).toBe(false);
  });

  it("bounds restoreValue's field and trims a status reason and a stage", () => {
    expect(
      MUTATION_ARGS.restoreValue.safeParse({ type: "lead", id: ID, field: "f".repeat(64), value: 1 }).success,
    ).toBe(true);
    expect(
      MUTATION_ARGS.restoreValue.safeParse({ type: "lead", id: ID, field: "f".repeat(65), value: 1 }).success,
    ).toBe(false);
    expect(
      MUTATION_ARGS.setLeadStatus.parse({ leadId: ID, status: "unqualified", reason: "  no budget ", activityId: ID })
        .reason,
    ).toBe("no budget");
    expect(
      MUTATION_ARGS.setLeadStatus.safeParse({
        leadId: ID,
        status: "unqualified",
        reason: "r".repeat(301),
        activityId: ID,
      }).success,
    ).toBe(false);
    expect(MUTATION_ARGS.moveDeal.parse({ dealId: ID, stage: " won ", activityId: ID }).stage).toBe("won");
    expect(MUTATION_ARGS.moveDeal.safeParse({ dealId: ID, stage: "   ", activityId: ID }).success).toBe(false);
    expect(MUTATION_ARGS.moveDeal.safeParse({ dealId: ID, stage: "s".repeat(65), activityId: ID }).success).toBe(false);
  });

  it("takes a deal and its id together or not at all", () => {
    const convert = (extra: object) =>
      MUTATION_ARGS.convertLead.safeParse({ leadId: ID, contactId: ID, companyId: ID, activityId: ID, ...extra });
    expect(convert({}).success).toBe(true);
    expect(convert({ dealId: ID, deal: { title: "Pilot" } }).success).toBe(true);
    const half = convert({ deal: { title: "Pilot" } });
    expect(half.success).toBe(false);
    expect(half.error?.issues[0]?.message).toBe("deal and dealId go together");
    expect(convert({ dealId: ID }).success).toBe(false);
  });
});

describe("protocol versions", () => {
  it("serves every client version from the oldest it still supports to its own, and no other", () => {
    // An extension a version behind keeps syncing; one from the future or from before the oldest is told to update.
    for (let version = OLDEST_CLIENT_PROTOCOL; version <= PROTOCOL_VERSION; version++) {
      expect(servesProtocol(version), `version ${version}`).toBe(true);
    }
    expect(servesProtocol(OLDEST_CLIENT_PROTOCOL - 1)).toBe(false);
    expect(servesProtocol(PROTOCOL_VERSION + 1)).toBe(false);
  });
});
