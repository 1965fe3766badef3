import { canManageMembers, type PipelineStage, type WorkspaceSettings } from "@leadpane/domain";
import { useEffect, useState } from "preact/hooks";
import { apiForSession, readJson } from "../api.ts";
import { askWorker, MESSAGES } from "../messaging.ts";
import type { Session } from "../chrome-storage.ts";
import { describeAdminError } from "./admin-rules.ts";
import { formatMoney } from "./format.ts";

/** Stage keys are stable identifiers deals refer to; new stages get one from their label. */
function keyFromLabel(label: string, taken: Set<string>): string {
  const base =
    label
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_+|_+$/g, "") || "stage";
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}_${n}`;
  return key;
}

/**
 * The workspace's phone region, currency and pipeline. Owners and admins edit them (the server
 * refuses removing a stage that still holds deals); everyone else sees them read-only.
 */
export function WorkspaceSettingsForm({ session, settings }: { session: Session; settings: WorkspaceSettings }) {
  // The API lets owners and admins change settings (assertCanManage): offer the form to them.
  const editable = canManageMembers(session.member.role);
  const [region, setRegion] = useState(settings.defaultRegion);
  const [currency, setCurrency] = useState(settings.currency);
  const [stages, setStages] = useState<PipelineStage[]>(settings.pipeline);
  const [status, setStatus] = useState<{ kind: "idle" | "saving" | "saved" | "error"; message?: string }>({
    kind: "idle",
  });
  useEffect(() => {
    setRegion(settings.defaultRegion);
    setCurrency(settings.currency);
    setStages(settings.pipeline);
  }, [JSON.stringify(settings)]);

  const updateStage = (index: number, patch: Partial<PipelineStage>) =>
    setStages(stages.map((s, i) => (i === index ? { ...s, ...patch } : s)));
  const move = (index: number, by: number) => {
    const next = [...stages];
    const [stage] = next.splice(index, 1);
    next.splice(index + by, 0, stage!);
    setStages(next);
  };
  const save = async () => {
    setStatus({ kind: "saving" });
    try {
      await readJson(
        apiForSession(session).v1.workspace.settings.$patch({
          json: {
            defaultRegion: region.trim().toUpperCase(),
            currency: currency.trim().toUpperCase(),
            pipeline: stages,
          },
        }),
      );
      setStatus({ kind: "saved" });
      void askWorker({ type: MESSAGES.syncNow }).catch(() => undefined);
    } catch (error) {
      // "Failed to fetch" says nothing to a person: the same plain words as the other settings cards.
      setStatus({ kind: "error", message: describeAdminError(error).message });
    }
  };

  return (
    <section class="card stack" aria-labelledby="ws-settings-title" data-testid="workspace-settings">
      <h2 id="ws-settings-title">Workspace settings</h2>
      <div class="fields">
        <label>
          Default phone region (ISO country)
          <input value={region} maxLength={2} readOnly={!editable} onInput={(e) => setRegion(e.currentTarget.value)} />
        </label>
        <label>
          Currency (ISO 4217)
          <input
            value={currency}
            maxLength={3}
            readOnly={!editable}
            onInput={(e) => setCurrency(e.currentTarget.value)}
          />
        </label>
      </div>
      <div class="stack">
        <div class="small muted">Pipeline stages, in order</div>
        <ol class="stack" style={{ padding: 0, margin: 0, listStyle: "none" }} aria-label="Pipeline stages">
          {stages.map((stage, i) => (
            <li key={`${stage.key}-${i}`} class="row" data-testid="pipeline-stage">
              <input
                aria-label={`Stage ${i + 1} name`}
                style={{ flex: "2 1 140px", width: "auto" }}
                value={stage.label}
                readOnly={!editable}
                onInput={(e) => updateStage(i, { label: e.currentTarget.value })}
              />
              <input
                aria-label={`Stage ${i + 1} win probability (%)`}
                style={{ flex: "0 0 80px", width: "auto" }}
                type="number"
                min={0}
                max={100}
                value={Math.round(stage.probability * 100)}
                readOnly={!editable}
                onInput={(e) =>
                  updateStage(i, { probability: Math.min(100, Math.max(0, Number(e.currentTarget.value) || 0)) / 100 })
                }
              />
              <select
                aria-label={`Stage ${i + 1} kind`}
                style={{ flex: "0 0 100px", width: "auto" }}
                value={stage.terminal ?? "open"}
                disabled={!editable}
                onChange={(e) =>
                  updateStage(i, {
                    terminal: e.currentTarget.value === "open" ? null : (e.currentTarget.value as "won" | "lost"),
                  })
                }
              >
                <option value="open">Open</option>
                <option value="won">Won</option>
                <option value="lost">Lost</option>
              </select>
              {editable && (
                <>
                  <button
                    type="button"
                    aria-label={`Move ${stage.label} up`}
                    disabled={i === 0}
                    onClick={() => move(i, -1)}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    aria-label={`Move ${stage.label} down`}
                    disabled={i === stages.length - 1}
                    onClick={() => move(i, 1)}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    aria-label={`Remove ${stage.label}`}
                    onClick={() => setStages(stages.filter((_, j) => j !== i))}
                  >
                    Remove
                  </button>
                </>
              )}
            </li>
          ))}
        </ol>
        {editable && (
          <div>
            <button
              type="button"
              onClick={() => {
                const label = `Stage ${stages.length + 1}`;
                const key = keyFromLabel(label, new Set(stages.map((s) => s.key)));
                const firstTerminal = stages.findIndex((s) => s.terminal);
                const next = [...stages];
                next.splice(firstTerminal < 0 ? next.length : firstTerminal, 0, {
                  key,
                  label,
                  probability: 0.5,
                  terminal: null,
                });
                setStages(next);
              }}
            >
              Add stage
            </button>
          </div>
        )}
      </div>
      <p class="small muted">
        Example amount: {formatMoney(1_250_000, currency.length === 3 ? currency.toUpperCase() : settings.currency)}
      </p>
      {editable ? (
        <div class="row">
          <button type="button" class="primary" disabled={status.kind === "saving"} onClick={() => void save()}>
            {status.kind === "saving" ? "Saving…" : "Save settings"}
          </button>
          {status.kind === "saved" && (
            <span class="success" role="status">
              Saved for the whole team.
            </span>
          )}
          {status.kind === "error" && (
            <span class="error" role="alert">
              {status.message}
            </span>
          )}
        </div>
      ) : (
        <p class="small muted">Only owners and admins change these; they apply to the whole team.</p>
      )}
    </section>
  );
}
