import { newId, type RecordMatch, type SubjectRef, type WorkspaceSettings } from "@leadpane/domain";
import { useEffect, useId, useRef, useState } from "preact/hooks";
import type { Session } from "../chrome-storage.ts";
import { describeMatch } from "../capture/describe-match.ts";
import { applyChanges } from "../hooks/apply-changes.ts";
import { scheduleReminder } from "../local-db/reminders.ts";
import {
  duplicateCandidate,
  NEW_RECORD_INPUTS,
  NEW_RECORD_NOUNS,
  NEW_RECORD_TYPES,
  newRecordFields,
  type NewRecordType,
} from "./new-record.ts";
import "./inline-field.css";

/**
 * The "New …" form in a modal dialog: the type, the few fields a rep knows at once, errors beside
 * each field in plain words (nothing saved until fixed, the typing kept), and before a person or
 * company is created the same duplicate check as capture, with "Open existing" and "Create anyway".
 * The record is created with the `create` mutation (so it syncs) and then opened.
 */
export function NewRecordDialog({
  initialType,
  session,
  settings,
  subject,
  onCreated,
  onOpenExisting,
  onClose,
}: {
  initialType: NewRecordType;
  session: Session;
  settings: WorkspaceSettings;
  /** The record on screen: a deal or task created here points at it. */
  subject?: SubjectRef | null;
  onCreated: (type: NewRecordType, id: string, fields: Record<string, unknown>) => void;
  onOpenExisting: (ref: SubjectRef) => void;
  onClose: () => void;
}) {
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const [type, setType] = useState<NewRecordType>(initialType);
  const [input, setInput] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [duplicates, setDuplicates] = useState<RecordMatch[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const warningRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    formRef.current?.querySelector<HTMLInputElement>("input")?.focus();
    return () => dialog?.close();
  }, []);
  useEffect(() => {
    if (duplicates?.length) warningRef.current?.focus();
  }, [duplicates]);

  const noun = NEW_RECORD_NOUNS[type];
  const context = {
    memberId: session.member.id,
    currency: settings.currency,
    firstStage: settings.pipeline[0]?.key ?? "qualification",
    subject: subject ?? null,
  };
  const create = async (fields: Record<string, unknown>) => {
    const recordId = newId();
    setBusy(true);
    setProblem(null);
    try {
      await applyChanges(session, [{ name: "create", args: { type, id: recordId, fields } }]);
      if (type === "task" && typeof fields.dueAt === "string") void scheduleReminder(recordId, fields.dueAt);
      onCreated(type, recordId, fields);
    } catch (e) {
      setProblem((e as Error).message || "Could not create it");
    } finally {
      setBusy(false);
    }
  };
  const submit = async () => {
    const result = newRecordFields(type, input, context);
    if (!result.ok) {
      setErrors(result.errors);
      setDuplicates(null);
      // Focus goes to the first field to fix.
      const first = NEW_RECORD_INPUTS[type].find((spec) => result.errors[spec.name]);
      if (first) formRef.current?.querySelector<HTMLInputElement>(`[name="${first.name}"]`)?.focus();
      return;
    }
    setErrors({});
    const candidate = duplicateCandidate(type, result.fields);
    if (candidate && duplicates === null) {
      // The matching rules load on the first check (they weigh ≈250 KB with their phone and domain data).
      const { findMatchesInStore } = await import("../local-db/find-matches.ts");
      const matches = await findMatchesInStore(candidate, settings.defaultRegion);
      // A person is warned about people, a company about companies (as capture offers them).
      const relevant = matches.filter((m) => (type === "company" ? m.type === "company" : m.type !== "company"));
      if (relevant.length) {
        setDuplicates(relevant);
        return;
      }
    }
    await create(result.fields);
  };
  const change = (name: string, value: string) => {
    setInput((before) => ({ ...before, [name]: value }));
    // A warning was about what was typed before: check again on the next Create.
    setDuplicates(null);
    if (errors[name]) setErrors(({ [name]: _fixed, ...rest }) => rest);
  };

  return (
    <dialog
      ref={ref}
      class="new-record-dialog"
      aria-labelledby={`${id}-title`}
      data-testid="new-record"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <form
        ref={formRef}
        class="stack"
        noValidate
        aria-labelledby={`${id}-title`}
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h2 id={`${id}-title`}>New {noun}</h2>
        <label>
          Type
          <select
            value={type}
            onChange={(e) => {
              const picked = e.currentTarget.value;
              setType(NEW_RECORD_TYPES.find((t) => t === picked) ?? type);
              setErrors({});
              setDuplicates(null);
            }}
          >
            {NEW_RECORD_TYPES.map((t) => (
              <option key={t} value={t}>
                {NEW_RECORD_NOUNS[t].charAt(0).toUpperCase() + NEW_RECORD_NOUNS[t].slice(1)}
              </option>
            ))}
          </select>
        </label>
        {NEW_RECORD_INPUTS[type].map((spec) => {
          const error = errors[spec.name];
          const placeholder =
            spec.name === "currency" ? settings.currency : spec.name === "domain" ? "acme.com" : undefined;
          return (
            <div key={`${type}:${spec.name}`} class="new-record-field">
              <label>
                {spec.label}
                {spec.required ? " (required)" : ""}
                <input
                  name={spec.name}
                  type={spec.kind === "decimal" ? "text" : spec.kind}
                  inputMode={spec.kind === "decimal" ? "decimal" : undefined}
                  placeholder={placeholder}
                  value={input[spec.name] ?? ""}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? `${id}-${spec.name}-error` : undefined}
                  onInput={(e) => change(spec.name, e.currentTarget.value)}
                />
              </label>
              {error && (
                <span id={`${id}-${spec.name}-error`} class="error small" data-testid="field-error">
                  {error}
                </span>
              )}
            </div>
          );
        })}
        {duplicates && duplicates.length > 0 && (
          <section
            class="card soft stack duplicate-warning"
            data-testid="duplicate-warning"
            aria-labelledby={`${id}-dup`}
          >
            <h3 id={`${id}-dup`} ref={warningRef} tabIndex={-1}>
              Already in your workspace?
            </h3>
            <ul class="stack">
              {duplicates.map((match) => {
                const target = match.followTo ?? { type: match.type, id: match.id };
                return (
                  <li key={`${match.type}:${match.id}`} class="row">
                    <span class="small">{describeMatch(match)}</span>
                    <button type="button" onClick={() => onOpenExisting(target)}>
                      Open existing
                    </button>
                  </li>
                );
              })}
            </ul>
            <div>
              <button
                type="button"
                disabled={busy}
                onClick={() => {
                  const result = newRecordFields(type, input, context);
                  if (result.ok) void create(result.fields);
                }}
              >
                Create anyway
              </button>
            </div>
          </section>
        )}
        {problem && (
          <p class="error small" role="alert">
            {problem}
          </p>
        )}
        <div class="row">
          <button type="submit" class="primary" disabled={busy}>
            Create {noun}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
