import {
  canConvert,
  canWrite,
  CONTACT_LIFECYCLES,
  isReadOnlyRecord,
  LEAD_TRANSITIONS,
  newId,
  type LeadStatus,
  type Member,
  type RecordMatch,
  type WorkspaceSettings,
} from "@leadpane/domain";
import { fieldsOf, observedAdds, type RecordOf } from "@leadpane/domain/sync";
import { useState } from "preact/hooks";
import type { Mutator } from "../hooks/use-mutate.ts";
import type { Session } from "../chrome-storage.ts";
import type { LocalRecord } from "../local-db/db.ts";
import { suggestedDuplicates } from "../local-db/queries.ts";
import { typedAmount } from "./field-edit.ts";
import { statusLabel } from "./format.ts";
import { focusWhenReady } from "../hooks/focus-after-change.ts";

type Panel = null | "status" | "convert" | "owner" | "tag" | "merge";

/**
 * The quick actions on a record: change status (only the lifecycle's allowed transitions),
 * convert a lead (optionally with a deal), assign an owner, tag, and merge a suggested duplicate.
 * Every change goes through the domain's mutations, so the server applies the same rules.
 */
export function RecordActions({
  record,
  session,
  members,
  settings,
  mutator,
}: {
  record: LocalRecord;
  session: Session;
  members: Map<string, Member>;
  settings: WorkspaceSettings;
  mutator: Mutator;
}) {
  const [open, setOpen] = useState<Panel>(null);
  const status = record.type === "lead" ? (record.data.status ?? "new") : null;
  const converted = isReadOnlyRecord(record.type, fieldsOf(record));
  const toggle = (panel: Panel) => {
    mutator.clearError();
    setOpen(open === panel ? null : panel);
  };
  const scope = `[data-record-actions="${record.id}"]`;
  // A finished form closes; focus returns to the button that opened it, not to <body>.
  const done = (panel: Panel) => () => {
    setOpen(null);
    focusWhenReady(`${scope} [data-action="${panel}"]`);
  };
  if (converted || !canWrite(session.member.role)) {
    return converted ? <ConvertedNote record={record} /> : null;
  }
  return (
    <div class="stack actions" data-record-actions={record.id}>
      <div class="row" role="toolbar" aria-label="Quick actions">
        {record.type !== "company" && (
          <button type="button" data-action="status" aria-expanded={open === "status"} onClick={() => toggle("status")}>
            {record.type === "lead" ? "Status" : "Lifecycle"}
          </button>
        )}
        {record.type === "lead" && status && canConvert(status) && (
          <button
            type="button"
            class="primary"
            data-action="convert"
            aria-expanded={open === "convert"}
            onClick={() => toggle("convert")}
          >
            Convert
          </button>
        )}
        <button type="button" data-action="owner" aria-expanded={open === "owner"} onClick={() => toggle("owner")}>
          Assign
        </button>
        <button type="button" data-action="tag" aria-expanded={open === "tag"} onClick={() => toggle("tag")}>
          Tag
        </button>
        <button type="button" data-action="merge" aria-expanded={open === "merge"} onClick={() => toggle("merge")}>
          Duplicates
        </button>
      </div>
      {open === "status" && record.type === "lead" && status && (
        <LeadStatusForm record={record} status={status} mutator={mutator} done={done("status")} />
      )}
      {open === "status" && record.type === "contact" && (
        <LifecycleForm record={record} mutator={mutator} done={done("status")} />
      )}
      {open === "convert" && record.type === "lead" && (
        <ConvertForm
          record={record}
          settings={settings}
          mutator={mutator}
          done={() => {
            setOpen(null);
            // The lead turns read-only: focus goes to what the conversion made (the contact, where
            // the view shows it) or to the lead's note that links to it.
            focusWhenReady('[data-testid="record-contact"], [data-testid="converted-note"]');
          }}
        />
      )}
      {open === "owner" && <OwnerForm record={record} members={members} mutator={mutator} done={done("owner")} />}
      {open === "tag" && <TagForm record={record} mutator={mutator} />}
      {open === "merge" && <MergeForm record={record} mutator={mutator} done={done("merge")} />}
      {mutator.error && (
        <p class="error small" role="alert">
          {mutator.error}
        </p>
      )}
    </div>
  );
}

function ConvertedNote({ record }: { record: LocalRecord }) {
  const contactId = record.type === "lead" ? record.data.convertedContactId : null;
  return (
    <p class="small muted" data-testid="converted-note">
      Converted and read-only.{" "}
      {contactId && (
        <a href={`#/record/contact/${contactId}`} onClick={(e) => openRecordLink(e, "contact", contactId)}>
          Open the contact
        </a>
      )}
    </p>
  );
}

/** Inside the dashboard a record link is a hash route; elsewhere it opens the dashboard. */
function openRecordLink(e: Event, type: string, id: string): void {
  if (location.pathname.endsWith("/dashboard.html")) return;
  e.preventDefault();
  void browser.tabs.create({
    url: browser.runtime.getURL(`/dashboard.html#/record/${type}/${id}` as "/dashboard.html"),
  });
}

function LeadStatusForm({
  record,
  status,
  mutator,
  done,
}: {
  record: LocalRecord;
  status: LeadStatus;
  mutator: Mutator;
  done: () => void;
}) {
  const allowed = LEAD_TRANSITIONS[status];
  const [to, setTo] = useState<LeadStatus | "">(allowed[0] ?? "");
  const [reason, setReason] = useState("");
  if (!allowed.length) return <p class="small muted">No status change is possible from {status}.</p>;
  return (
    <form
      class="row inline-form"
      aria-label="Change status"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!to) return;
        const ok = await mutator.run(
          [
            {
              name: "setLeadStatus",
              args: {
                leadId: record.id,
                status: to,
                activityId: newId(),
                ...(reason.trim() ? { reason: reason.trim() } : {}),
              },
            },
          ],
          { undo: { label: `Status set to ${statusLabel(to)}`, action: "the status change" } },
        );
        if (ok) done();
      }}
    >
      <label style={{ flex: "1 1 120px" }}>
        New status
        <select value={to} onChange={(e) => setTo(e.currentTarget.value as LeadStatus)}>
          {allowed.map((s) => (
            <option key={s} value={s}>
              {statusLabel(s)}
            </option>
          ))}
        </select>
      </label>
      {to === "unqualified" && (
        <label style={{ flex: "2 1 160px" }}>
          Reason (required)
          <input
            required
            value={reason}
            onInput={(e) => setReason(e.currentTarget.value)}
            placeholder="No budget this year"
          />
        </label>
      )}
      <button class="primary" type="submit" disabled={mutator.busy}>
        Set status
      </button>
    </form>
  );
}

function LifecycleForm({ record, mutator, done }: { record: RecordOf<"contact">; mutator: Mutator; done: () => void }) {
  const current: string = record.data.lifecycle ?? "prospect";
  const [to, setTo] = useState(current);
  return (
    <form
      class="row inline-form"
      aria-label="Change lifecycle"
      onSubmit={async (e) => {
        e.preventDefault();
        if (
          to !== current &&
          (await mutator.run([{ name: "update", args: { type: "contact", id: record.id, set: { lifecycle: to } } }], {
            undo: { label: `Lifecycle set to ${statusLabel(to)}`, action: "the lifecycle change" },
          }))
        )
          done();
      }}
    >
      <label style={{ flex: "1 1 120px" }}>
        Lifecycle
        <select value={to} onChange={(e) => setTo(e.currentTarget.value)}>
          {CONTACT_LIFECYCLES.map((s) => (
            <option key={s} value={s}>
              {statusLabel(s)}
            </option>
          ))}
        </select>
      </label>
      <button class="primary" type="submit" disabled={mutator.busy || to === current}>
        Save
      </button>
    </form>
  );
}

function ConvertForm({
  record,
  settings,
  mutator,
  done,
}: {
  record: RecordOf<"lead">;
  settings: WorkspaceSettings;
  mutator: Mutator;
  done: () => void;
}) {
  const company = record.data.companyName ?? "";
  const [withDeal, setWithDeal] = useState(false);
  const [title, setTitle] = useState(company ? `${company} deal` : `${record.data.name ?? ""} deal`);
  const [amount, setAmount] = useState("");
  const [currency, setCurrency] = useState(settings.currency);
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      class="stack inline-form card soft"
      aria-label="Convert lead"
      onSubmit={async (e) => {
        e.preventDefault();
        setError(null);
        let deal: { title: string; amount?: number; currency: string } | undefined;
        if (withDeal) {
          // Typed as reps write amounts ("19,200"), with the same plain words as the deal's own field.
          const minor = amount.trim() ? typedAmount(amount, currency) : ({ ok: true, value: 0 } as const);
          if (!minor.ok) return setError(minor.error);
          deal = { title: title.trim() || "New deal", amount: minor.value, currency };
        }
        const ok = await mutator.run(
          [
            {
              name: "convertLead",
              args: {
                leadId: record.id,
                contactId: newId(),
                companyId: newId(),
                activityId: newId(),
                ...(deal ? { deal, dealId: newId() } : {}),
              },
            },
          ],
          { undo: { label: deal ? "Lead converted, with a deal" : "Lead converted", action: "the conversion" } },
        );
        if (ok) done();
      }}
    >
      <p class="small">
        Creates a contact{" "}
        {company ? (
          <>
            at <strong>{company}</strong>{" "}
          </>
        ) : (
          ""
        )}
        (or adds to the existing one with the same email) and keeps this lead's history.
      </p>
      <label class="check">
        <input type="checkbox" checked={withDeal} onChange={(e) => setWithDeal(e.currentTarget.checked)} /> Also create
        a deal
      </label>
      {withDeal && (
        <div class="fields">
          <label>
            Deal title
            <input value={title} onInput={(e) => setTitle(e.currentTarget.value)} required />
          </label>
          <label>
            Amount
            <input
              inputMode="decimal"
              value={amount}
              onInput={(e) => setAmount(e.currentTarget.value)}
              placeholder="12000"
            />
          </label>
          <label>
            Currency
            <input value={currency} maxLength={3} onInput={(e) => setCurrency(e.currentTarget.value.toUpperCase())} />
          </label>
        </div>
      )}
      {error && (
        <p class="error small" role="alert">
          {error}
        </p>
      )}
      <div>
        <button class="primary" type="submit" disabled={mutator.busy}>
          Convert to contact
        </button>
      </div>
    </form>
  );
}

function OwnerForm({
  record,
  members,
  mutator,
  done,
}: {
  record: LocalRecord;
  members: Map<string, Member>;
  mutator: Mutator;
  done: () => void;
}) {
  const current = ("ownerId" in record.data ? record.data.ownerId : null) ?? "";
  const [owner, setOwner] = useState(current);
  return (
    <form
      class="row inline-form"
      aria-label="Assign owner"
      onSubmit={async (e) => {
        e.preventDefault();
        if (
          await mutator.run(
            [{ name: "update", args: { type: record.type, id: record.id, set: { ownerId: owner || null } } }],
            { undo: { label: `Assigned to ${members.get(owner)?.name ?? "nobody"}`, action: "the assignment" } },
          )
        )
          done();
      }}
    >
      <label style={{ flex: "1 1 160px" }}>
        Owner
        <select value={owner} onChange={(e) => setOwner(e.currentTarget.value)}>
          <option value="">Unassigned</option>
          {[...members.values()].map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
      </label>
      <button class="primary" type="submit" disabled={mutator.busy || owner === current}>
        Assign
      </button>
    </form>
  );
}

function TagForm({ record, mutator }: { record: LocalRecord; mutator: Mutator }) {
  const [tag, setTag] = useState("");
  const tags = ("tags" in record.data ? record.data.tags : undefined) ?? [];
  return (
    <div class="stack inline-form">
      <form
        class="row"
        aria-label="Add a tag"
        onSubmit={async (e) => {
          e.preventDefault();
          const value = tag.trim();
          if (
            value &&
            (await mutator.run([
              { name: "add", args: { type: record.type, id: record.id, field: "tags", values: [value] } },
            ]))
          )
            setTag("");
        }}
      >
        <input
          aria-label="Tag"
          placeholder="e.g. conference-2026"
          value={tag}
          onInput={(e) => setTag(e.currentTarget.value)}
          style={{ flex: "1 1 140px" }}
        />
        <button type="submit" disabled={mutator.busy || !tag.trim()}>
          Add tag
        </button>
      </form>
      {tags.length > 0 && (
        <div class="row small">
          {tags.map((t) => (
            <span key={t} class="pill tag">
              {t}{" "}
              <button
                type="button"
                class="link"
                aria-label={`Remove tag ${t}`}
                onClick={() => {
                  // The tag's button goes with it: focus moves to the tag box.
                  focusWhenReady('form[aria-label="Add a tag"] input');
                  void mutator.run(
                    [
                      {
                        name: "remove",
                        args: {
                          type: record.type,
                          id: record.id,
                          field: "tags",
                          observed: observedAdds(record, "tags", [t]),
                        },
                      },
                    ],
                    { undo: { label: `Tag ${t} removed`, action: "the removal" } },
                  );
                }}
              >
                ×
              </button>
            </span>
          ))}
        </div>
      )}
    </div>
  );
}

function MergeForm({ record, mutator, done }: { record: LocalRecord; mutator: Mutator; done: () => void }) {
  const [matches, setMatches] = useState<RecordMatch[] | null>(null);
  if (matches === null) void suggestedDuplicates(record).then(setMatches);
  if (matches === null)
    return (
      <p class="small muted" aria-busy="true">
        Looking for duplicates…
      </p>
    );
  if (!matches.length)
    return (
      <p class="small muted" data-testid="no-duplicates">
        No likely duplicates of this {record.type}.
      </p>
    );
  return (
    <ul class="stack inline-form" aria-label="Suggested duplicates" data-testid="duplicates">
      {matches.map((m) => (
        <li key={m.id} class="card soft row">
          <div style={{ flex: "1 1 auto" }}>
            <strong>{String(m.record.data.name ?? "")}</strong>
            <div class="small muted">
              {m.strength === "exact" ? "Same" : "Possibly same"}:{" "}
              {m.reasons.map((r) => `${r.kind.replace(/_/g, " ")} ${r.value}`).join("; ")}
            </div>
          </div>
          <button
            type="button"
            onClick={async () => {
              const ok = await mutator.run(
                [
                  {
                    name: "mergeRecords",
                    args: {
                      type: record.type as "lead" | "contact" | "company",
                      survivorId: record.id,
                      mergedId: m.id,
                      activityId: newId(),
                    },
                  },
                ],
                { undo: { label: `Merged ${String(m.record.data.name ?? "")} into this`, action: "the merge" } },
              );
              if (ok) done();
            }}
            disabled={mutator.busy}
          >
            Merge into this
          </button>
        </li>
      ))}
    </ul>
  );
}
