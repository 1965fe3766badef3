import { pipelineValue, type PipelineStage } from "@leadpane/domain";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { boardTotals, groupDeals, patchColumns } from "./pipeline-columns.ts";

interface Card {
  id: string;
  stage: string;
  amount: number;
  currency: string;
}

const STAGES: PipelineStage[] = [
  { key: "lead", label: "Lead", probability: 0.1, terminal: null },
  { key: "proposal", label: "Proposal", probability: 0.5, terminal: null },
  { key: "won", label: "Won", probability: 1, terminal: "won" },
  { key: "lost", label: "Lost", probability: 0, terminal: "lost" },
];

/** The board after the changes, as from scratch. */
function applied(deals: readonly Card[], upserts: readonly Card[], removals: readonly string[]) {
  const byId = new Map(deals.map((d) => [d.id, d]));
  for (const d of upserts) byId.set(d.id, d);
  for (const id of removals) byId.delete(id);
  return [...byId.values()];
}

const plain = (columns: ReadonlyMap<string, readonly Card[]>) =>
  Object.fromEntries([...columns].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, v.map((d) => d.id)]));

describe("the pipeline board patched card by card", () => {
  it("moves one card between two columns and leaves the other columns' arrays as they were", () => {
    const deals: Card[] = [
      { id: "a", stage: "lead", amount: 5, currency: "USD" },
      { id: "b", stage: "lead", amount: 9, currency: "USD" },
      { id: "c", stage: "won", amount: 7, currency: "USD" },
    ];
    const columns = groupDeals(deals);
    const byId = new Map(deals.map((d) => [d.id, d]));
    const moved = patchColumns(
      columns,
      { upserts: [{ id: "a", stage: "proposal", amount: 5, currency: "USD" }], removals: [] },
      (id) => byId.get(id),
    );
    expect(plain(moved)).toEqual({ lead: ["b"], proposal: ["a"], won: ["c"] });
    expect(moved.get("won")).toBe(columns.get("won"));
  });

  it("equals grouping the changed deals from scratch, with the same totals (any deals and changes)", () => {
    const card = fc.record({
      id: fc.integer({ min: 0, max: 40 }).map(String),
      stage: fc.constantFrom("lead", "proposal", "won", "lost", "gone-stage"),
      amount: fc.integer({ min: 0, max: 4 }).map((n) => n * 100),
      currency: fc.constantFrom("USD", "EUR"),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(card, { selector: (d) => d.id, maxLength: 40 }),
        fc.array(card, { maxLength: 40 }),
        fc.array(fc.integer({ min: 0, max: 40 }).map(String), { maxLength: 5 }),
        (deals, upserts, removals) => {
          const byId = new Map(deals.map((d) => [d.id, d]));
          const patched = patchColumns(groupDeals(deals), { upserts, removals }, (id) => byId.get(id));
          const after = applied(deals, upserts, removals);
          expect(plain(patched)).toEqual(plain(groupDeals(after)));
          const totals = boardTotals(patched, STAGES);
          expect({ ...totals }).toEqual({ ...pipelineValue(after, STAGES) });
        },
      ),
      { numRuns: 300 },
    );
  });
});
