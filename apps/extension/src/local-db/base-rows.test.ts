import type { ReplicaBase } from "@leadpane/domain/sync";
import { describe, expect, it } from "vitest";
import { type BaseRow, basesOf, createdBundleOf, getBases } from "./base-rows.ts";
import type { LeadpaneDb } from "./db.ts";

const created = (id: string): ReplicaBase => ({ type: "lead", id, record: null });
const pulled = (id: string) =>
  ({ type: "lead", id, record: { type: "lead", id, version: 3 } }) as unknown as ReplicaBase;

describe("base rows", () => {
  it("keeps the null bases of created records as one row, and a single one as itself", () => {
    const rows = createdBundleOf("000000000007", [created("a"), created("b"), created("c")]);
    expect(rows).toEqual([
      {
        type: "~created",
        id: "000000000007",
        created: [
          ["lead", "a"],
          ["lead", "b"],
          ["lead", "c"],
        ],
      },
    ]);
    expect(basesOf(rows)).toEqual([created("a"), created("b"), created("c")]);
    expect(createdBundleOf("1", [created("a")])).toEqual([created("a")]);
    expect(() => createdBundleOf("1", [created("a"), pulled("b")])).toThrow();
  });

  it("lists one base per record, a record's own row (a pulled copy) winning over its bundle", () => {
    const rows: BaseRow[] = [pulled("b"), ...createdBundleOf("1", [created("a"), created("b")]), pulled("z")];
    const bases = basesOf(rows);
    expect(bases).toHaveLength(3);
    expect(bases).toEqual(expect.arrayContaining([created("a"), pulled("b"), pulled("z")]));
  });

  it("finds a base in its own row or in a bundle, reading the bundles only when a row is missing", async () => {
    const own = new Map([["lead:b", pulled("b")]]);
    const table = {
      bulkGet: async (keys: Array<[string, string]>) => keys.map(([type, id]) => own.get(`${type}:${id}`)),
    } as unknown as LeadpaneDb["base"];
    let reads = 0;
    const bundled = async () => {
      reads += 1;
      return new Set(["lead:a", "lead:b"]);
    };
    expect(await getBases(table, [["lead", "b"]], bundled)).toEqual([pulled("b")]);
    expect(reads).toBe(0);
    expect(
      await getBases(
        table,
        [
          ["lead", "a"],
          ["lead", "b"],
          ["lead", "x"],
        ],
        bundled,
      ),
    ).toEqual([created("a"), pulled("b"), undefined]);
    expect(reads).toBe(1);
  });
});
