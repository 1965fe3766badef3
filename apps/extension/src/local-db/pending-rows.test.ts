import type { OutboxMutation } from "@leadpane/domain/sync";
import { describe, expect, it } from "vitest";
import { asOneRow, bundleOf, entriesOf, heldIn, isBundle, type PendingRow, splitThrough } from "./pending-rows.ts";

const change = (id: number): OutboxMutation => ({
  id,
  name: "update",
  args: { type: "lead", id: "l1", set: { title: `T${id}` } },
  hlc: `hlc-${id}`,
  createdAt: "2026-12-07T10:00:00.000Z",
});
const changes = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => change(from + i));
const ids = (rows: readonly PendingRow[]) => entriesOf(rows).map((entry) => entry.id);

describe("pending rows", () => {
  it("keeps consecutive changes as one row keyed by the first, and a single change as itself", () => {
    const bundle = bundleOf(changes(4, 9));
    expect(bundle).toMatchObject({ id: 4, last: 9 });
    expect(ids([change(3), bundle, change(10)])).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
    expect(bundleOf([change(5)])).toEqual(change(5));
  });

  it("splits at an id inside a bundle: the changes up to it, and the rest keyed by its own first id", () => {
    const rows = [change(1), bundleOf(changes(2, 8))];
    const { through, rest, count } = splitThrough(rows, 5);
    expect(ids(through)).toEqual([1, 2, 3, 4, 5]);
    expect(count).toBe(5);
    expect(rest).toMatchObject({ id: 6, last: 8 });
    expect(ids(rest ? [rest] : [])).toEqual([6, 7, 8]);
  });

  it("takes whole rows up to the id and leaves no rest when a bundle ends there or before", () => {
    const rows = [bundleOf(changes(1, 3)), change(4), bundleOf(changes(5, 6))];
    expect(splitThrough(rows, 6)).toMatchObject({ rest: null, count: 6 });
    expect(ids(splitThrough(rows, 6).through)).toEqual([1, 2, 3, 4, 5, 6]);
    const atFour = splitThrough(rows, 4);
    expect(atFour).toMatchObject({ rest: null, count: 4 });
    expect(atFour.through.every((row) => row.id <= 4)).toBe(true);
  });

  it("leaves a bundle's last change as a single row when only it remains", () => {
    const { rest, count } = splitThrough([bundleOf(changes(10, 12))], 11);
    expect(count).toBe(2);
    expect(rest && isBundle(rest)).toBe(false);
    expect(rest).toEqual(change(12));
  });

  it("keeps an acknowledged range of single rows and bundles as one sent row holding every change in order", () => {
    const acked = splitThrough([change(1), change(2), bundleOf(changes(3, 5)), change(6), bundleOf(changes(7, 9))], 8);
    const row = asOneRow(acked.through);
    expect(row).toMatchObject({ id: 1, last: 8 });
    expect(ids([row])).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(asOneRow([change(4)])).toEqual(change(4));
  });

  it("takes nothing before the first change", () => {
    expect(splitThrough([bundleOf(changes(7, 9))], 6)).toEqual({ through: [], rest: null, count: 0 });
  });

  it("takes acknowledged changes from the batch a push sent only when it holds every one of them", () => {
    const batch = changes(501, 1000);
    expect(heldIn(batch, 501, 1000)).toEqual(batch);
    expect(heldIn(batch, 600, 700)?.map((entry) => entry.id)).toEqual(changes(600, 700).map((entry) => entry.id));
    // Changes before the batch (the server had taken an earlier push whose answer was lost) or past it.
    expect(heldIn(batch, 500, 1000)).toBeNull();
    expect(heldIn(batch, 501, 1001)).toBeNull();
    expect(heldIn([], 1, 1)).toBeNull();
    // A batch with a hole (not consecutive) is never trusted.
    expect(heldIn([change(1), change(3), change(4)], 1, 3)).toBeNull();
  });
});
