import { NEVER_CAPTURE_HINT, parseNeverCaptureList } from "@leadpane/domain";
import { useEffect, useState } from "preact/hooks";
import { getBlockedSites, setBlockedSites } from "../chrome-storage.ts";

/**
 * The never-capture list: sites where Leadpane reads nothing. It says what it accepts, refuses
 * anything else beside the box (what was typed stays), and says when the list is saved.
 */
export function NeverCaptureForm() {
  const [sites, setSites] = useState<string[]>([]);
  useEffect(() => void getBlockedSites().then(setSites), []);
  const [draft, setDraft] = useState<string | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const [saved, setSaved] = useState<string | null>(null);
  const text = draft ?? sites.join("\n");
  const save = async () => {
    const parsed = parseNeverCaptureList(text);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      setSaved(null);
      return;
    }
    await setBlockedSites(parsed.sites);
    setSites(parsed.sites);
    setDraft(null);
    setErrors([]);
    setSaved(
      parsed.sites.length
        ? `Saved. Capture never runs on ${parsed.sites.length === 1 ? "this site" : `these ${parsed.sites.length} sites`}.`
        : "Saved. Capture runs on every site.",
    );
  };
  return (
    <section class="card stack" aria-labelledby="never-capture-title" data-testid="never-capture">
      <h2 id="never-capture-title">Sites where capture never runs</h2>
      <form
        class="stack"
        aria-label="Sites where capture never runs"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <label class="stack">
          Blocked sites, one per line
          <textarea
            rows={4}
            value={text}
            placeholder={"example.com\n*.example.org"}
            aria-describedby="never-capture-hint never-capture-errors"
            aria-invalid={errors.length > 0}
            onInput={(e) => {
              setDraft(e.currentTarget.value);
              setSaved(null);
            }}
          />
        </label>
        <p id="never-capture-hint" class="small muted">
          Enter {NEVER_CAPTURE_HINT}. A site's subdomains are always covered; a pasted address keeps only its site.
        </p>
        <div id="never-capture-errors" role="alert" data-testid="never-capture-errors">
          {errors.map((message) => (
            <p key={message} class="error small">
              {message}
            </p>
          ))}
        </div>
        <div class="row">
          <button type="submit">Save list</button>
          {saved && (
            <span class="small success" role="status" data-testid="never-capture-saved">
              {saved}
            </span>
          )}
        </div>
      </form>
    </section>
  );
}
