import {
  canWrite,
  newId,
  pipelineValue,
  weightedAmount,
  type Member,
  type PipelineStage,
  type WorkspaceSettings,
} from "@leadpane/domain";
import { useState } from "preact/hooks";
import { formatMoney, recordHref } from "../components/format.ts";
import { useLiveQuery } from "../hooks/use-live-query.ts";
import { useMutate } from "../hooks/use-mutate.ts";
import type { Session } from "../chrome-storage.ts";
import { allDealsWithParties, type DealWithParties } from "../local-db/queries.ts";
import { MoveDealForm } from "../components/move-deal-form.tsx";
import { focusWhenReady } from "../hooks/focus-after-change.ts";

const DRAG_TYPE = "application/x-leadpane-deal";

/**
 * The deals pipeline as a board: one column per stage with its count, total and weighted value.
 * Deals move by drag and drop, or from the keyboard: focus a card and press Alt+→ / Alt+← (or use
 * its "Move to" menu and Move button). Moves go through the domain's moveDeal, so won and lost stay final.
 */
export function PipelineView({
  session,
  members,
  settings,
}: {
  session: Session;
  members: Map<string, Member>;
  settings: WorkspaceSettings;
}) {
  const deals = useLiveQuery<DealWithParties[] | undefined>(() => allDealsWithParties(), [], undefined);
  const mutator = useMutate(session);
  const [over, setOver] = useState<string | null>(null);
  const [announce, setAnnounce] = useState("");
  const stages = settings.pipeline;
  const writable = canWrite(session.member.role);
  if (deals === undefined)
    return (
      <div class="empty" aria-busy="true">
        Loading deals…
      </div>
    );
  const move = async (deal: DealWithParties, stage: PipelineStage) => {
    if (deal.stage === stage.key) return;
    if (
      await mutator.run([{ name: "moveDeal", args: { dealId: deal.id, stage: stage.key, activityId: newId() } }], {
        undo: { label: `${deal.title} moved to ${stage.label}`, action: "the move" },
      })
    )
      setAnnounce(`${deal.title} moved to ${stage.label}`);
  };
  const totals = pipelineValue(deals, stages);
  return (
    <section class="stack" aria-label="Deals pipeline">
      <div class="row small">
        {Object.entries(totals).map(([currency, t]) => (
          <span key={currency} class="pill" data-testid="pipeline-total">
            Open {formatMoney(t.open, currency)} · weighted {formatMoney(t.weighted, currency)} · won{" "}
            {formatMoney(t.won, currency)}
          </span>
        ))}
        {deals.length === 0 && <span class="muted">No deals yet: convert a lead with "Also create a deal".</span>}
        <span class="muted">Drag a card, or focus it and press Alt+← / Alt+→.</span>
      </div>
      {mutator.error && (
        <p class="error" role="alert">
          {mutator.error}
        </p>
      )}
      <p class="visually-hidden" role="status" aria-live="polite">
        {announce}
      </p>
      <div class="board" data-testid="board">
        {stages.map((stage, index) => {
          const inStage = deals.filter((d) => d.stage === stage.key).sort((a, b) => b.amount - a.amount);
          const byCurrency = pipelineValue(inStage, stages);
          return (
            <fieldset
              key={stage.key}
              class={`column ${over === stage.key ? "over" : ""} ${stage.terminal ?? ""}`}
              data-testid={`stage-${stage.key}`}
              aria-label={`${stage.label}: ${inStage.length} deals`}
              onDragOver={(e) => {
                if (!writable) return;
                e.preventDefault();
                setOver(stage.key);
              }}
              onDragLeave={() => setOver(null)}
              onDrop={(e) => {
                e.preventDefault();
                setOver(null);
                const id = e.dataTransfer?.getData(DRAG_TYPE);
                const deal = deals.find((d) => d.id === id);
                if (deal) void move(deal, stage);
              }}
            >
              <div class="column-head">
                <strong>{stage.label}</strong>{" "}
                <span class="muted small">
                  {inStage.length} · {Math.round(stage.probability * 100)}%
                </span>
                {Object.entries(byCurrency).map(([currency, t]) => (
                  <div key={currency} class="small muted" data-testid="stage-total">
                    {formatMoney(
                      stage.terminal === "won" ? t.won : stage.terminal === "lost" ? t.lost : t.open,
                      currency,
                    )}
                    {!stage.terminal && <> · weighted {formatMoney(t.weighted, currency)}</>}
                  </div>
                ))}
              </div>
              {inStage.map((deal) => (
                <article
                  key={deal.id}
                  class="deal-card card"
                  // The keyboard's drag and drop; the card's select is the other way to move it.
                  // biome-ignore lint/a11y/noNoninteractiveTabindex: focus lets Alt+←/→ move the card between columns
                  tabIndex={0}
                  draggable={writable}
                  data-testid="deal-card"
                  aria-label={`${deal.title}, ${formatMoney(deal.amount, deal.currency)}, in ${stage.label}`}
                  onDragStart={(e) => {
                    e.dataTransfer?.setData(DRAG_TYPE, deal.id);
                    if (e.dataTransfer) e.dataTransfer.effectAllowed = "move";
                  }}
                  onKeyDown={(e) => {
                    if (!e.altKey || !writable) return;
                    const step = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
                    const target = stages[index + step];
                    if (step && target) {
                      e.preventDefault();
                      // Focus follows the card to its new column (drawn a moment later), so it can keep moving.
                      focusWhenReady(`[data-testid="stage-${target.key}"] [data-deal-id="${deal.id}"]`);
                      void move(deal, target);
                    }
                  }}
                  data-deal-id={deal.id}
                >
                  <a href={recordHref("deal", deal.id)}>
                    <strong>{deal.title}</strong>
                  </a>
                  {(deal.contactName || deal.companyName) && (
                    <div class="small parties" data-testid="deal-parties">
                      {[deal.contactName, deal.companyName].filter(Boolean).join(" · ")}
                    </div>
                  )}
                  <div>
                    {formatMoney(deal.amount, deal.currency)}{" "}
                    {!stage.terminal && (
                      <span class="muted small">
                        · {formatMoney(weightedAmount(deal, stages), deal.currency)} weighted
                      </span>
                    )}
                  </div>
                  <div class="small muted">{deal.ownerId ? members.get(deal.ownerId)?.name : "Unassigned"}</div>
                  {writable && !stage.terminal && (
                    <MoveDealForm
                      deal={deal}
                      stages={stages}
                      onMove={(target) => {
                        focusWhenReady(`[data-testid="stage-${target.key}"] [data-deal-id="${deal.id}"]`);
                        void move(deal, target);
                      }}
                    />
                  )}
                </article>
              ))}
            </fieldset>
          );
        })}
      </div>
    </section>
  );
}
