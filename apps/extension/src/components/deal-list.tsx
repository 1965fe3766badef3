import { findStage, type Deal, type WorkspaceSettings } from "@leadpane/domain";
import { formatMoney, statusLabel } from "./format.ts";

/** A record's deals: open ones with stage and amount, then closed ones. */
export function DealList({ deals, settings }: { deals: Deal[]; settings: WorkspaceSettings }) {
  if (!deals.length) return <p class="muted small">No deals yet.</p>;
  const ordered = [...deals].sort(
    (a, b) =>
      Number(Boolean(findStage(settings.pipeline, a.stage)?.terminal)) -
      Number(Boolean(findStage(settings.pipeline, b.stage)?.terminal)),
  );
  return (
    <ul class="deals" aria-label="Deals">
      {ordered.map((deal) => {
        const stage = findStage(settings.pipeline, deal.stage);
        return (
          <li key={deal.id} class="row deal" data-testid="deal">
            <strong>{deal.title}</strong>
            <span class={`pill stage ${stage?.terminal ?? "open"}`}>{stage?.label ?? statusLabel(deal.stage)}</span>
            <span>{formatMoney(deal.amount, deal.currency)}</span>
          </li>
        );
      })}
    </ul>
  );
}
