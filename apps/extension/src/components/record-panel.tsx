import {
  canWrite,
  findStage,
  recordLabel,
  newId,
  weightedAmount,
  type Deal,
  type Member,
  type WorkspaceSettings,
} from "@leadpane/domain";
import { fieldsOf } from "@leadpane/domain/sync";
import type { Mutator } from "../hooks/use-mutate.ts";
import { formatMoney, recordHref } from "./format.ts";
import { useLiveQuery } from "../hooks/use-live-query.ts";
import { markTiming } from "../test-seam.ts";
import { useMutate } from "../hooks/use-mutate.ts";
import type { Session } from "../chrome-storage.ts";
import { recordDetail, type RecordDetail } from "../local-db/queries.ts";
import { DealList } from "./deal-list.tsx";
import { DeleteButton } from "./delete-record.tsx";
import { FieldHistory } from "./field-history.tsx";
import { MoveDealForm } from "./move-deal-form.tsx";
import { focusWhenReady } from "../hooks/focus-after-change.ts";
import { NoteComposer } from "./note-composer.tsx";
import { RecordActions } from "./record-actions.tsx";
import { RecordCard } from "./record-card.tsx";
import { RecordFields } from "./record-fields.tsx";
import { RecordInTrash } from "./record-in-trash.tsx";
import { TaskList } from "./task-list.tsx";
import { Timeline } from "./timeline.tsx";

/**
 * Everything about one lead, contact or company: the card with its quick actions, tasks, deals,
 * and the timeline with an inline note. The side panel and the dashboard's record page both show
 * this, so a rep finds things in the same place in both.
 */
export function RecordPanel({
  type,
  id,
  session,
  members,
  settings,
  compact = false,
  onOpen,
}: {
  type: string;
  id: string;
  session: Session;
  members: Map<string, Member>;
  settings: WorkspaceSettings;
  /** The side panel shows the timeline's latest entries only. */
  compact?: boolean;
  /** Opens the record's full page; the dashboard's record page is that page and passes none. */
  onOpen?: () => void;
}) {
  // Re-read when what it read changed (the record, its activities, tasks, deals, company, people):
  // the queries read those by key, so a teammate's change to another record does not re-read it.
  const detail = useLiveQuery<RecordDetail | null | undefined>(
    () => {
      markTiming("record-detail");
      return recordDetail(type, id);
    },
    [type, id],
    undefined,
  );
  const mutator = useMutate(session);
  if (detail === undefined)
    return <div class="card skeleton" role="progressbar" aria-busy="true" aria-label="Loading record" />;
  if (detail === null)
    return (
      <p class="muted" role="status">
        This record is not in your workspace (it may have been deleted or merged).
      </p>
    );
  const { record } = detail;
  const writable = canWrite(session.member.role);
  // Deleted from this page or elsewhere: say so (with Restore), never leave it looking editable.
  if (record.deleted)
    return (
      <div class="stack record-panel" data-testid="record-panel">
        <RecordInTrash record={record} members={members} mutator={mutator} writable={writable} />
      </div>
    );
  const subject = { type: record.type, id: record.id };
  const companyName = detail.company ? String(detail.company.data.name ?? "") : null;
  const entries = compact ? detail.timeline.slice(0, 30) : detail.timeline;
  if (record.type === "deal") {
    return (
      <div class="stack record-panel" data-testid="record-panel">
        <DealSummary deal={record.data} settings={settings} members={members} mutator={mutator} canWrite={writable} />
        <RecordFields record={record} session={session} members={members} settings={settings} />
        {writable && (
          <div class="row record-delete">
            <DeleteButton type="deal" id={record.id} name={record.data.title} mutator={mutator} />
          </div>
        )}
        <section class="stack" aria-labelledby={`timeline-${id}`}>
          <h3 id={`timeline-${id}`}>Timeline</h3>
          {writable && <NoteComposer subject={subject} session={session} mutator={mutator} />}
          <Timeline entries={entries} members={members} {...(writable ? { mutator } : {})} />
        </section>
      </div>
    );
  }
  return (
    <div class="stack record-panel" data-testid="record-panel">
      <RecordCard
        record={record}
        members={members}
        activities={detail.activities}
        companyName={companyName}
        {...(onOpen ? { onOpen } : {})}
      />
      {writable ? (
        <RecordActions record={record} session={session} members={members} settings={settings} mutator={mutator} />
      ) : (
        <p class="small muted" data-testid="read-only">
          Read-only: viewers see the whole history but cannot change records.
        </p>
      )}
      <RecordFields record={record} session={session} members={members} settings={settings} />
      {writable && (
        <div class="row record-delete">
          <DeleteButton
            type={record.type}
            id={record.id}
            name={recordLabel(record.type, fieldsOf(record))}
            mutator={mutator}
          />
        </div>
      )}
      <FieldHistory
        record={record}
        members={members}
        mutator={mutator}
        canWrite={writable}
        stages={settings.pipeline}
      />
      {"mergedIntoId" in record.data && record.data.mergedIntoId ? (
        <p class="small warn-text">Merged into another record.</p>
      ) : null}
      <section class="stack" aria-labelledby={`tasks-${id}`}>
        <h3 id={`tasks-${id}`}>Tasks</h3>
        <TaskList tasks={detail.tasks} subject={subject} session={session} members={members} mutator={mutator} />
      </section>
      {record.type === "company" && <CompanyPeople people={detail.people} />}
      {(record.type !== "lead" || detail.deals.length > 0) && (
        <section class="stack" aria-labelledby={`deals-${id}`}>
          <h3 id={`deals-${id}`}>Deals</h3>
          <DealList deals={detail.deals} settings={settings} />
        </section>
      )}
      <section class="stack" aria-labelledby={`timeline-${id}`}>
        <h3 id={`timeline-${id}`}>Timeline</h3>
        {writable && <NoteComposer subject={subject} session={session} mutator={mutator} />}
        <Timeline entries={entries} members={members} {...(writable ? { mutator } : {})} />
        {compact && detail.timeline.length > entries.length && (
          <div>
            <button type="button" class="link small" onClick={() => onOpen?.()}>
              All {detail.timeline.length} entries in the dashboard
            </button>
          </div>
        )}
      </section>
    </div>
  );
}

/** A deal at a glance, with its stage (movable here too) and amounts. */
function DealSummary({
  deal,
  settings,
  members,
  mutator,
  canWrite,
}: {
  deal: Deal;
  settings: WorkspaceSettings;
  members: Map<string, Member>;
  mutator: Mutator;
  canWrite: boolean;
}) {
  const stage = findStage(settings.pipeline, deal.stage);
  return (
    <article class="card stack" data-testid="record-deal" aria-label={`deal ${deal.title}`}>
      <div class="header">
        <h2>{deal.title}</h2>
        <span class={`pill stage ${stage?.terminal ?? "open"}`}>{stage?.label ?? deal.stage}</span>
      </div>
      <div>
        {formatMoney(deal.amount, deal.currency)}{" "}
        <span class="muted small">
          · weighted {formatMoney(weightedAmount(deal, settings.pipeline), deal.currency)}
        </span>
      </div>
      <div class="small muted">
        Owner: {deal.ownerId ? (members.get(deal.ownerId)?.name ?? "a former member") : "unassigned"}
      </div>
      {deal.contactId && (
        <a class="small" href={`#/record/contact/${deal.contactId}`}>
          Open the contact
        </a>
      )}
      {canWrite && !stage?.terminal && (
        <MoveDealForm
          deal={deal}
          stages={settings.pipeline}
          onMove={(target) => {
            // The Move button disables once the deal is there: focus stays on the stage chooser.
            focusWhenReady('[data-testid="record-deal"] .move-deal select');
            void mutator.run(
              [{ name: "moveDeal", args: { dealId: deal.id, stage: target.key, activityId: newId() } }],
              { undo: { label: "Deal moved", action: "the move" } },
            );
          }}
        />
      )}
      {mutator.error && (
        <p class="error small" role="alert">
          {mutator.error}
        </p>
      )}
    </article>
  );
}

/** A company's people, each a link to their record: who the rep can reach there. */
function CompanyPeople({ people }: { people: RecordDetail["people"] }) {
  return (
    <section class="stack" aria-labelledby="company-people" data-testid="company-people">
      <h3 id="company-people">People ({people.length})</h3>
      {people.length === 0 ? (
        <p class="small muted">Nobody yet: capture people from this company's pages, or link leads to it.</p>
      ) : (
        <ul class="people-list">
          {people.map((p) => (
            <li key={`${p.type}:${p.id}`} data-testid="company-person">
              <a href={recordHref(p.type, p.id)}>{String(p.data.name)}</a>
              <span class="small muted wrap">
                {[p.data.title, p.data.emails?.[0], p.type === "lead" ? "lead" : "contact"].filter(Boolean).join(" · ")}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
