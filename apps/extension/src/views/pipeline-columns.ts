import { pipelineValue, type Deal, type PipelineStage, type PipelineTotals } from "@leadpane/domain";
import { patchRows, type RowPatch } from "./list-patch.ts";

type BoardDeal = Pick<Deal, "id" | "stage" | "amount" | "currency">;

/** The board's deals by stage key, each column largest first. */
export type Columns<D extends BoardDeal> = ReadonlyMap<string, readonly D[]>;

/** A column's order: largest amount first, then by id (a total order, so a card's place is found by binary search). */
function dealOrder(a: BoardDeal, b: BoardDeal): number {
  return b.amount - a.amount || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The deals in their columns (a deal in a stage the pipeline no longer has keeps a column of its own, unshown). */
export function groupDeals<D extends BoardDeal>(deals: readonly D[]): Columns<D> {
  const columns = new Map<string, D[]>();
  for (const deal of deals) {
    const column = columns.get(deal.stage);
    if (column) column.push(deal);
    else columns.set(deal.stage, [deal]);
  }
  for (const column of columns.values()) column.sort(dealOrder);
  return columns;
}

/**
 * The columns with some deals changed: a changed deal leaves its old column and takes its place in
 * its new one; columns no change touched keep their arrays, so their cards and totals are not
 * redrawn or summed again. `before` finds a changed deal's card as it was.
 */
export function patchColumns<D extends BoardDeal>(
  columns: Columns<D>,
  patch: RowPatch<D>,
  before: (id: string) => D | undefined,
): Columns<D> {
  const touched = new Set<string>();
  for (const id of patch.removals) {
    const old = before(id);
    if (old) touched.add(old.stage);
  }
  for (const deal of patch.upserts) {
    touched.add(deal.stage);
    const old = before(deal.id);
    if (old) touched.add(old.stage);
  }
  if (!touched.size) return columns;
  const out = new Map(columns);
  for (const stage of touched) {
    const column = patchRows(columns.get(stage) ?? [], patch, dealOrder, (d) => d.stage === stage, before);
    if (column.length) out.set(stage, column);
    else out.delete(stage);
  }
  return out;
}

/** A column's totals by currency, kept with the column's array: an untouched column is not summed again. */
const columnTotals = new WeakMap<
  readonly BoardDeal[],
  { stages: readonly PipelineStage[]; totals: Record<string, PipelineTotals> }
>();
export function totalsOf(
  column: readonly BoardDeal[],
  stages: readonly PipelineStage[],
): Record<string, PipelineTotals> {
  const known = columnTotals.get(column);
  if (known?.stages === stages) return known.totals;
  const totals = pipelineValue(column, stages);
  columnTotals.set(column, { stages, totals });
  return totals;
}

/** The whole board's totals by currency: the columns' totals added up. */
export function boardTotals<D extends BoardDeal>(
  columns: Columns<D>,
  stages: readonly PipelineStage[],
): Record<string, PipelineTotals> {
  const sum: Record<string, PipelineTotals> = Object.create(null);
  for (const column of columns.values()) {
    for (const [currency, t] of Object.entries(totalsOf(column, stages))) {
      const row = sum[currency] ?? { openCount: 0, open: 0, weighted: 0, won: 0, lost: 0 };
      sum[currency] = {
        openCount: row.openCount + t.openCount,
        open: row.open + t.open,
        weighted: row.weighted + t.weighted,
        won: row.won + t.won,
        lost: row.lost + t.lost,
      };
    }
  }
  return sum;
}
