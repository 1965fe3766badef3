import type { Member } from "@leadpane/domain";
import type { TimelineEntry } from "../local-db/timeline.ts";
import { formatWhen } from "./format.ts";

/** A record's history, newest first: activities and the values its fields had before. */
export function Timeline({ entries, members }: { entries: TimelineEntry[]; members: Map<string, Member> }) {
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
