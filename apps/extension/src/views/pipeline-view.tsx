import {
  canWrite,
  newId,
  weightedAmount,
  type Member,
  type PipelineStage,
  type WorkspaceSettings,
} from "@leadpane/domain";
import { memo } from "preact/compat";
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { formatMoney, recordHref } from "../components/format.ts";
import { useMutate } from "../hooks/use-mutate.ts";
import type { Session } from "../chrome-storage.ts";
import { onRecordChanges, type RecordKey } from "../local-db/list-query.ts";
import { allDealsWithParties, dealsWithParties, type DealWithParties } from "../local-db/queries.ts";
import { MoveDealForm } from "../components/move-deal-form.tsx";
import { focusWhenReady } from "../hooks/focus-after-change.ts";
import { markTiming } from "../test-seam.ts";
import { boardTotals, groupDeals, patchColumns, totalsOf, type Columns } from "./pipeline-columns.ts";

const DRAG_TYPE = "application/x-leadpane-deal";
/**
 * Cards a column shows before "Show more": the largest deals. A column of hundreds of cards is
 * not read card by card, and drawing them all made every change redraw a board taller than any
 * screen (as HubSpot's and Pipedrive's boards, more load on request). Counts and totals are always the whole column's.
 */
const CARDS_SHOWN = 20;

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
  const board = useBoard();
  const mutator = useMutate(session);
  const [over, setOver] = useState<string | null>(null);
  const [announce, setAnnounce] = useState("");
  // The card the rep last moved stays drawn in its new column even past the shown cards, so focus can follow it.
  const [moved, setMoved] = useState<string | null>(null);
  const stages = settings.pipeline;
  const writable = canWrite(session.member.role);
  const move = async (deal: DealWithParties, stage: PipelineStage) => {
    if (deal.stage === stage.key) return;
    setMoved(deal.id);
    if (
      await mutator.run([{ name: "moveDeal", args: { dealId: deal.id, stage: stage.key, activityId: newId() } }], {
        undo: { label: `${deal.title} moved to ${stage.label}`, action: "the move" },
      })
    )
      setAnnounce(`${deal.title} moved to ${stage.label}`);
  };
  // The columns are drawn again only when their cards change: they get one lasting move function.
  const moveNow = useRef(move);
  moveNow.current = move;
  const stableMove = useCallback((deal: DealWithParties, stage: PipelineStage) => moveNow.current(deal, stage), []);
  if (board === undefined)
    return (
      <div class="empty" aria-busy="true">
        Loading deals…
      </div>
    );
  const totals = boardTotals(board.columns, stages);
  return (
    <section class="stack" aria-label="Deals pipeline">
      <div class="row small">
        {Object.entries(totals).map(([currency, t]) => (
          <span key={currency} class="pill" data-testid="pipeline-total">
            Open {formatMoney(t.open, currency)} · weighted {formatMoney(t.weighted, currency)} · won{" "}
            {formatMoney(t.won, currency)}
          </span>
        ))}
        {board.columns.size === 0 && <span class="muted">No deals yet: convert a lead with "Also create a deal".</span>}
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
        {stages.map((stage, index) => (
          <StageColumn
            key={stage.key}
            stage={stage}
            index={index}
            stages={stages}
            deals={board.columns.get(stage.key) ?? NO_DEALS}
            over={over === stage.key}
            writable={writable}
            members={members}
            setOver={setOver}
            findDeal={board.find}
            move={stableMove}
            moved={moved}
          />
        ))}
      </div>
    </section>
  );
}

const NO_DEALS: readonly DealWithParties[] = [];

/**
 * One stage's column: its count, totals and cards. Drawn again only when its own props change (its
 * cards' array is replaced only when one of its cards changed), so a teammate's move redraws the
 * two columns it touches, not the whole board.
 */
const StageColumn = memo(function StageColumn({
  stage,
  index,
  stages,
  deals: inStage,
  over,
  writable,
  members,
  setOver,
  findDeal,
  move,
  moved,
}: {
  stage: PipelineStage;
  index: number;
  stages: readonly PipelineStage[];
  deals: readonly DealWithParties[];
  over: boolean;
  writable: boolean;
  members: Map<string, Member>;
  setOver: (key: string | null) => void;
  findDeal: (id: string) => DealWithParties | undefined;
  move: (deal: DealWithParties, stage: PipelineStage) => Promise<void>;
  moved: string | null;
}) {
  const byCurrency = totalsOf(inStage, stages);
  const [limit, setLimit] = useState(CARDS_SHOWN);
  const cards = inStage.filter((deal, i) => i < limit || deal.id === moved);
  const more = inStage.length - Math.min(limit, inStage.length);
  return (
    <fieldset
      class={`column ${over ? "over" : ""} ${stage.terminal ?? ""}`}
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
        const deal = id ? findDeal(id) : undefined;
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
            {formatMoney(stage.terminal === "won" ? t.won : stage.terminal === "lost" ? t.lost : t.open, currency)}
            {!stage.terminal && <> · weighted {formatMoney(t.weighted, currency)}</>}
          </div>
        ))}
      </div>
      {cards.map((deal) => (
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
              <span class="muted small">· {formatMoney(weightedAmount(deal, stages), deal.currency)} weighted</span>
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
      {more > 0 && (
        <button type="button" class="link" onClick={() => setLimit(limit + CARDS_SHOWN)}>
          Show {Math.min(more, CARDS_SHOWN)} more ({more.toLocaleString()} not shown)
        </button>
      )}
    </fieldset>
  );
});

/** The board's deals in their columns, and a deal by id (for a card dropped on a column). */
interface Board {
  columns: Columns<DealWithParties>;
  find: (id: string) => DealWithParties | undefined;
}

/**
 * Every live deal in its column, read once, then kept current card by card: when deals change (a
 * teammate's move pulled by the worker, a move here) only they are read again and moved between
 * columns; when a contact or company is renamed, the cards naming it. A change not known record by
 * record reads the board again.
 */
function useBoard(): Board | undefined {
  const [columns, setColumns] = useState<Columns<DealWithParties> | undefined>(undefined);
  const byId = useRef(new Map<string, DealWithParties>());
  const find = useCallback((id: string) => byId.current.get(id), []);
  useEffect(() => {
    let stale = false;
    let generation = 0;
    let pending: RecordKey[] | "all" | null = null;
    let working = false;
    const load = async () => {
      const mine = ++generation;
      const deals = await allDealsWithParties();
      if (stale || mine !== generation) return;
      byId.current = new Map(deals.map((d) => [d.id, d]));
      setColumns(groupDeals(deals));
      markTiming("board-all");
    };
    const work = async () => {
      if (working) return;
      working = true;
      try {
        while (pending && !stale) {
          const keys = pending;
          pending = null;
          if (keys === "all") {
            await load();
            continue;
          }
          const ids = affectedDeals(keys, byId.current);
          if (!ids.length) continue;
          markTiming("board-change");
          const mine = generation;
          const upserts = await dealsWithParties(ids);
          markTiming("board-read");
          if (stale || mine !== generation) continue;
          const live = new Set(upserts.map((d) => d.id));
          const removals = ids.filter((id) => !live.has(id));
          const before = new Map(ids.flatMap((id) => (byId.current.has(id) ? [[id, byId.current.get(id)!]] : [])));
          for (const id of removals) byId.current.delete(id);
          for (const deal of upserts) byId.current.set(deal.id, deal);
          setColumns((columns) => columns && patchColumns(columns, { upserts, removals }, (id) => before.get(id)));
        }
      } catch (e) {
        console.error("pipeline update failed; reading the board again", e);
        await load();
      } finally {
        working = false;
      }
    };
    void load().then(work);
    const unsubscribe = onRecordChanges((change) => {
      if (change.all || pending === "all") pending = "all";
      else pending = [...(pending ?? []), ...change.keys];
      void work();
    });
    return () => {
      stale = true;
      unsubscribe();
    };
  }, []);
  return columns && { columns, find };
}

/** The deals a change touches: changed deals, and the deals of a changed contact or company (their names on the cards). */
function affectedDeals(keys: readonly RecordKey[], deals: ReadonlyMap<string, DealWithParties>): string[] {
  const ids = new Set<string>();
  const parties = new Set<string>();
  for (const [type, id] of keys) {
    if (type === "deal") ids.add(id);
    else if (type === "contact" || type === "company") parties.add(`${type}:${id}`);
  }
  if (parties.size)
    for (const deal of deals.values())
      if (parties.has(`contact:${deal.contactId}`) || parties.has(`company:${deal.companyId}`)) ids.add(deal.id);
  return [...ids];
}
