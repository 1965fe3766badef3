import type { Member } from "@leadpane/domain";
import type { Mutator } from "../hooks/use-mutate.ts";
import { DeleteButton } from "./delete-record.tsx";
import type { TimelineEntry } from "../local-db/timeline.ts";
import { formatWhen, statusLabel } from "./format.ts";

/** Entries a rep wrote or logged, which a rep may delete (a status change or conversion is undone instead). */
const DELETABLE = new Set<TimelineEntry["kind"]>(["note", "email", "call", "meeting"]);

/**
 * A record's history, newest first: activities and the values its fields had before. With a
 * `mutator`, notes, emails, calls and meetings can be deleted (with Undo).
 */
export function Timeline({
  entries,
  members,
  mutator,
}: {
  entries: TimelineEntry[];
  members: Map<string, Member>;
  mutator?: Mutator;
}) {
  if (!entries.length)
    return (
      <p class="muted small" data-testid="timeline-empty">
        No activity yet. Notes, emails and status changes will appear here.
      </p>
    );
  return (
    <ol class="timeline" aria-label="Timeline">
      {entries.map((entry) => {
        const author = entry.authorId ? (members.get(entry.authorId)?.name ?? "a teammate") : null;
        return (
          <li key={entry.id} class={entry.kind} data-testid={`activity-${entry.kind}`}>
            <div>
              <strong class="entry-title">{entry.title}</strong>{" "}
              <span class="muted small">
                {"· "}
                {entry.count > 1 && (
                  <span title={`First on ${formatWhen(entry.firstAt)}`} data-testid="capture-count">
                    {entry.count} times ·{" "}
                  </span>
                )}
                {author ? `${entry.authorRole} ${author} · ` : ""}
                <time dateTime={entry.at}>{formatWhen(entry.at)}</time>
              </span>
              {mutator && DELETABLE.has(entry.kind) && (
                <>
                  {" "}
                  <DeleteButton
                    type="activity"
                    id={entry.id}
                    name={entry.body.slice(0, 40)}
                    noun={statusLabel(entry.kind)}
                    mutator={mutator}
                    compact
                  />
                </>
              )}
            </div>
            {entry.detail && <div class="small">{entry.detail}</div>}
            {entry.body && <div class="body">{entry.body}</div>}
            {entry.url && (
              <div class="small ellipsis">
                <a href={entry.url} target="_blank" rel="noreferrer" title={entry.url}>
                  {entry.url}
                </a>
              </div>
            )}
          </li>
        );
      })}
    </ol>
  );
}
