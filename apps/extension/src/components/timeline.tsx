import type { Activity, Member } from "@leadpane/domain";

const LABELS: Record<string, string> = {
  capture: "Captured",
  note: "Note",
  email: "Email",
  call: "Call",
  meeting: "Meeting",
  status_change: "Status changed",
  conversion: "Converted",
  stage_change: "Deal stage",
  merge: "Merged",
  field_change: "Changed",
};

/** A record's history, newest first. */
export function Timeline({ activities, members }: { activities: Activity[]; members: Map<string, Member> }) {
  if (!activities.length) return <p class="muted small">No activity yet.</p>;
  return (
    <ol class="timeline" aria-label="Timeline">
      {activities.map((activity) => {
        const author = activity.authorId ? members.get(activity.authorId)?.name ?? "a teammate" : "someone";
        const url = typeof activity.data.url === "string" ? activity.data.url : null;
        return (
          <li key={activity.id} class={activity.type} data-testid={`activity-${activity.type}`}>
            <div>
              <strong>{LABELS[activity.type] ?? activity.type}</strong> <span class="muted small">by {author} · {new Date(activity.occurredAt).toLocaleString()}</span>
            </div>
            {activity.body && <div>{activity.body}</div>}
            {url && (
              <div class="small">
                from <a href={url} target="_blank" rel="noreferrer">{url}</a>
              </div>
            )}
          </li>
        );
      })}
    </ol>
  );
}
