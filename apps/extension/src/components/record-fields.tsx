import {
  canWrite,
  fromMinorUnits,
  isReadOnlyRecord,
  type CustomFieldDefinition,
  type Member,
  type SetField,
  type WorkspaceSettings,
} from "@leadpane/domain";
import { fieldsOf, type SyncedRecord } from "@leadpane/domain/sync";
import type { Session } from "../chrome-storage.ts";
import { useLiveQuery } from "../hooks/use-live-query.ts";
import { applyChanges } from "../hooks/apply-changes.ts";
import { scheduleReminder } from "../local-db/reminders.ts";
import { localInputToIso } from "../local-db/task-buckets.ts";
import { recordChoices, type RecordChoice } from "../local-db/record-choices.ts";
import { loadedRules } from "../local-db/rules.ts";
import {
  amountEdit,
  choiceEdit,
  closeDateEdit,
  currencyEdit,
  customEdit,
  domainEdit,
  dueEdit,
  removeValue,
  scalarEdit,
  setValueEdit,
  type FieldEdit,
} from "./field-edit.ts";
import { formatMoney, formatWhen, phoneRegion } from "./format.ts";
import { InlineField, type InlineEditor } from "./inline-field.tsx";
import { InlineAddressField } from "./inline-address-field.tsx";
import { InlineSetField } from "./inline-set-field.tsx";

/**
 * A record's fields, each edited in place (the "About" list of HubSpot's and Attio's record pages):
 * every save is one field-level change through the local mutation path, so the old value goes to
 * history and teammates get it at the next sync. Viewers and converted leads see the values only.
 */
export function RecordFields({
  record,
  session,
  members,
  settings,
  heading = "Details",
}: {
  record: SyncedRecord;
  session: Session;
  members: Map<string, Member>;
  settings: WorkspaceSettings;
  /** null: no heading (the fields sit inside something that already names them, like a task). */
  heading?: string | null;
}) {
  const readOnly = !canWrite(session.member.role) || isReadOnlyRecord(record.type, fieldsOf(record));
  const needsContacts = record.type === "deal";
  const needsCompanies = record.type === "deal" || record.type === "contact";
  const contacts = useLiveQuery(
    () => (needsContacts ? recordChoices("contact") : Promise.resolve([])),
    [needsContacts],
    [] as RecordChoice[],
  );
  const companies = useLiveQuery(
    () => (needsCompanies ? recordChoices("company") : Promise.resolve([])),
    [needsCompanies],
    [] as RecordChoice[],
  );
  const data = fieldsOf(record);
  const save = async (edit: FieldEdit): Promise<string | null> => {
    if (!edit.ok) return edit.error;
    if (!edit.changes.length) return null;
    try {
      await applyChanges(session, edit.changes);
      return null;
    } catch (e) {
      return (e as Error).message || "Could not save the change";
    }
  };
  const text = (field: string) => (typeof data[field] === "string" ? (data[field] as string) : "");
  const common = { readOnly };

  const scalar = (field: string, label: string, editor?: InlineEditor) => (
    <InlineField
      key={field}
      testId={`field-${field}`}
      label={label}
      value={text(field)}
      {...(editor ? { editor } : {})}
      {...common}
      onSave={(typed) => save(scalarEdit(record, field, typed))}
    />
  );
  const set = (field: SetField, label: string, noun: string, inputMode?: "email" | "tel" | "url") => (
    <InlineSetField
      key={field}
      testId={`field-${field}`}
      label={label}
      noun={noun}
      values={Array.isArray(data[field]) ? (data[field] as string[]) : []}
      {...(inputMode ? { inputMode } : {})}
      // Phones read as people write them (the card's format), edited as stored.
      {...(field === "phones"
        ? { render: (value: string) => loadedRules().displayPhone(value, phoneRegion(settings)).text }
        : {})}
      {...common}
      onSave={(previous, typed) => save(setValueEdit(record, field, previous, typed))}
      onRemove={(value) => save(removeValue(record, field, value))}
    />
  );
  const memberOptions = [
    { value: "", label: "Unassigned" },
    ...[...members.values()].map((m) => ({ value: m.id, label: m.name })),
  ];
  const pick = (field: string, label: string, options: ReadonlyArray<{ value: string; label: string }>) => {
    const current = text(field);
    const known = options.find((o) => o.value === current);
    // A pointer to a record no longer listed (deleted, beyond the picker's length) stays choosable.
    const all = current && !known ? [...options, { value: current, label: "(not in the list)" }] : options;
    return (
      <InlineField
        key={field}
        testId={`field-${field}`}
        label={label}
        value={current}
        display={current ? (known?.label ?? "(unknown)") : ""}
        editor={{ kind: "select", options: all }}
        {...common}
        onSave={(id) => save(choiceEdit(record, field, id))}
      />
    );
  };
  const owner = pick("ownerId", "Owner", memberOptions);
  const address = (
    <InlineAddressField
      key="postalAddress"
      record={record}
      region={phoneRegion(settings)}
      {...common}
      apply={(edit) => save(edit)}
    />
  );
  const tags = set("tags", "Tags", "tag");
  const custom = settings.customFields
    .filter((d) => d.recordType === record.type)
    .map((definition) => customField(definition));

  // A plain function, not a component: a component defined here would remount (and lose the typing) on every render.
  function customField(definition: CustomFieldDefinition) {
    const values = (data.custom ?? {}) as Record<string, unknown>;
    const current = values[definition.key];
    const value = current === null || current === undefined ? "" : String(current);
    const editor: InlineEditor =
      definition.kind === "date"
        ? { kind: "date" }
        : definition.kind === "select"
          ? {
              kind: "select",
              options: [{ value: "", label: "—" }, ...definition.options.map((o) => ({ value: o, label: o }))],
            }
          : {
              kind: "text",
              inputMode: definition.kind === "number" ? "decimal" : definition.kind === "url" ? "url" : "text",
            };
    return (
      <InlineField
        key={`custom-${definition.key}`}
        testId={`field-custom-${definition.key}`}
        label={definition.label}
        value={value}
        editor={editor}
        {...common}
        onSave={(typed) => save(customEdit(record, definition, typed))}
      />
    );
  }

  let fields: preact.ComponentChildren;
  switch (record.type) {
    case "lead":
      fields = [
        scalar("name", "Name"),
        scalar("title", "Title"),
        scalar("companyName", "Company"),
        set("emails", "Emails", "email", "email"),
        set("phones", "Phones", "phone", "tel"),
        set("urls", "Links", "link", "url"),
        scalar("location", "Location"),
        address,
        owner,
        tags,
        ...custom,
      ];
      break;
    case "contact":
      fields = [
        scalar("name", "Name"),
        scalar("title", "Title"),
        pick("companyId", "Company", [
          { value: "", label: "None" },
          ...companies.map((c) => ({ value: c.id, label: c.name })),
        ]),
        set("emails", "Emails", "email", "email"),
        set("phones", "Phones", "phone", "tel"),
        set("urls", "Links", "link", "url"),
        scalar("location", "Location"),
        address,
        owner,
        tags,
        ...custom,
      ];
      break;
    case "company":
      fields = [
        scalar("name", "Name"),
        <InlineField
          key="domain"
          testId="field-domain"
          label="Domain"
          value={text("domain")}
          {...common}
          onSave={(typed) => save(domainEdit(record, typed))}
        />,
        scalar("website", "Website", { kind: "text", inputMode: "url" }),
        set("phones", "Phones", "phone", "tel"),
        address,
        owner,
        tags,
        ...custom,
      ];
      break;
    case "deal": {
      const currency = text("currency") || "USD";
      const amount = typeof data.amount === "number" ? data.amount : 0;
      const close = text("expectedCloseAt").slice(0, 10);
      fields = [
        scalar("title", "Title"),
        <InlineField
          key="amount"
          testId="field-amount"
          label="Amount"
          value={fromMinorUnits(amount, currency)}
          display={formatMoney(amount, currency)}
          editor={{ kind: "text", inputMode: "decimal" }}
          {...common}
          onSave={(typed) => save(amountEdit(record, typed))}
        />,
        <InlineField
          key="currency"
          testId="field-currency"
          label="Currency"
          value={currency}
          {...common}
          onSave={(typed) => save(currencyEdit(record, typed))}
        />,
        <InlineField
          key="closeDate"
          testId="field-closeDate"
          label="Close date"
          value={close}
          // Stored as that day's start in UTC: shown in UTC so it never slips to the day before.
          display={
            close
              ? new Date(`${close}T00:00:00Z`).toLocaleDateString(undefined, { dateStyle: "medium", timeZone: "UTC" })
              : ""
          }
          editor={{ kind: "date" }}
          {...common}
          onSave={(typed) => save(closeDateEdit(record, typed))}
        />,
        pick("contactId", "Contact", [
          { value: "", label: "None" },
          ...contacts.map((c) => ({ value: c.id, label: c.name })),
        ]),
        pick("companyId", "Company", [
          { value: "", label: "None" },
          ...companies.map((c) => ({ value: c.id, label: c.name })),
        ]),
        owner,
        ...custom,
      ];
      break;
    }
    case "task": {
      const due = text("dueAt");
      fields = [
        scalar("title", "Task"),
        <InlineField
          key="dueAt"
          testId="field-dueAt"
          label="Due"
          value={due ? isoToLocalInput(due) : ""}
          display={due ? formatWhen(due) : ""}
          editor={{ kind: "datetime-local" }}
          {...common}
          onSave={async (typed) => {
            const problem = await save(dueEdit(record, typed));
            // The reminder follows the new due time (its alarm is replaced; it reads the task when it fires).
            const dueAt = localInputToIso(typed.trim());
            if (!problem && dueAt) void scheduleReminder(record.id, dueAt);
            return problem;
          }}
        />,
        pick("assigneeId", "Assignee", memberOptions),
      ];
      break;
    }
    default:
      return null;
  }
  const headingId = `fields-${record.id}`;
  return (
    <section class="stack" {...(heading ? { "aria-labelledby": headingId } : { "aria-label": "Fields" })}>
      {heading && <h3 id={headingId}>{heading}</h3>}
      <div class="record-fields" data-testid="record-fields">
        {fields}
      </div>
    </section>
  );
}

/** An ISO time as a datetime-local input's value, in the rep's time zone. */
function isoToLocalInput(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
