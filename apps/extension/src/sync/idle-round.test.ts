import { PROTOCOL_VERSION } from "@leadpane/domain/sync";
import { describe, expect, it } from "vitest";
import { idleServerTime, type IdleStored } from "./idle-round.ts";

const members = [{ id: "0190a000-0000-7000-8000-000000000001", name: "Ann", email: "ann@acme.test", role: "owner" }];
const settings = {
  defaultRegion: "US",
  currency: "USD",
  pipeline: [{ key: "won", label: "Won", probability: 1, terminal: "won" }],
};
const stored = { cookie: 7, members, settings } as unknown as IdleStored;
const serverTime = "2026-12-08T00:00:00.000Z";
/** A pull page from cookie 7 that brings nothing, as the server writes it (its own key order). */
const idle = {
  protocolVersion: PROTOCOL_VERSION,
  cookie: 7,
  lastMutationIDChanges: {},
  hasMore: false,
  members: [{ role: "owner", email: "ann@acme.test", name: "Ann", id: members[0]!.id }],
  settings: { pipeline: settings.pipeline, currency: "USD", defaultRegion: "US" },
  serverTime,
  patch: [],
};

describe("idleServerTime", () => {
  it("reads an empty page at the stored cookie, with the stored members and settings, as nothing to do", () => {
    expect(idleServerTime(idle, stored)).toBe(Date.parse(serverTime));
  });

  it("leaves anything else to the full round: records, another cookie, more pages, another protocol", () => {
    expect(idleServerTime({ ...idle, patch: [{ op: "del", type: "lead", id: "x" }] }, stored)).toBeNull();
    expect(idleServerTime({ ...idle, cookie: 8 }, stored)).toBeNull();
    expect(idleServerTime({ ...idle, hasMore: true }, stored)).toBeNull();
    expect(idleServerTime({ ...idle, protocolVersion: PROTOCOL_VERSION + 1 }, stored)).toBeNull();
  });

  it("leaves a change that moves no cookie to the full round: a role, a removal, a member, the settings", () => {
    expect(idleServerTime({ ...idle, members: [{ ...idle.members[0], role: "viewer" }] }, stored)).toBeNull();
    expect(idleServerTime({ ...idle, members: [] }, stored)).toBeNull();
    expect(idleServerTime({ ...idle, members: [...idle.members, { ...idle.members[0], id: "b" }] }, stored)).toBeNull();
    expect(idleServerTime({ ...idle, settings: { ...idle.settings, currency: "EUR" } }, stored)).toBeNull();
    expect(idleServerTime({ ...idle, settings: { ...idle.settings, extra: true } }, stored)).toBeNull();
  });

  it("leaves what it cannot read to the full round, which reports it", () => {
    for (const answer of [null, "<!doctype html>", [], { ...idle, patch: undefined }, { ...idle, serverTime: "soon" }])
      expect(idleServerTime(answer, stored)).toBeNull();
    const { serverTime: _, ...timeless } = idle;
    expect(idleServerTime(timeless, stored)).toBeNull();
  });
});
