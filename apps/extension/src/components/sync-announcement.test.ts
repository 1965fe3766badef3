import { describe, expect, it } from "vitest";
import type { SyncState } from "../messaging.ts";
import { syncAnnouncement, syncNowResult } from "./sync-announcement.ts";

const synced: SyncState = {
  online: true,
  syncing: false,
  pending: 0,
  lastSyncAt: "2026-12-07T10:00:00.000Z",
  error: null,
  rejected: [],
  firstLoad: null,
};
const offline: SyncState = { ...synced, online: false, error: "Offline: changes are saved here", pending: 2 };

/** The announcements a sequence of broadcast states makes, in order. */
const spoken = (states: SyncState[]) =>
  states.flatMap((state, i) => {
    const news = syncAnnouncement(states[i - 1] ?? null, state);
    return news ? [news] : [];
  });

describe("syncAnnouncement", () => {
  it("says nothing for the rounds of an ordinary online session", () => {
    const round = [{ ...synced, syncing: true, pending: 1 }, synced];
    expect(spoken([synced, ...round, ...round, ...round, { ...synced, pending: 3 }, ...round])).toEqual([]);
  });

  it("speaks once on going offline, not at each failed retry", () => {
    const retry = [{ ...offline, syncing: true }, offline];
    expect(spoken([synced, offline, ...retry, ...retry, ...retry])).toEqual([
      "Offline: 2 changes kept on this browser until the server is reachable",
    ]);
  });

  it("speaks when the changes that waited are synced", () => {
    expect(spoken([offline, { ...offline, syncing: true }, synced])).toEqual(["All changes synced"]);
  });

  it("speaks a new failure in its words, and a refused change", () => {
    const failed = { ...synced, error: "The server is busy; retrying shortly" };
    expect(spoken([synced, failed, failed])).toEqual(["Sync failed: The server is busy; retrying shortly"]);
    const refused = { ...synced, rejected: [{ id: 4, name: "update", message: "Viewers cannot edit" }] };
    expect(spoken([synced, refused, refused])).toEqual(["1 change not saved: Viewers cannot edit"]);
  });

  it("is silent about the first state a page reads", () => {
    expect(syncAnnouncement(null, offline)).toBeNull();
  });
});

describe("syncNowResult", () => {
  it("says in plain words what a Sync now did", () => {
    expect(syncNowResult(synced)).toBe("Synced: everything is on the server");
    expect(syncNowResult(offline)).toBe("Could not reach the server: 2 changes wait on this browser");
    expect(syncNowResult({ ...synced, error: "Signed out: sign in again in Settings" })).toBe(
      "Sync failed: Signed out: sign in again in Settings",
    );
  });
});
