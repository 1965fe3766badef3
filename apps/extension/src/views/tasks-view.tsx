import type { Member } from "@leadpane/domain";
import { useState } from "preact/hooks";
import { CsvExportButton } from "../components/csv-export-button.tsx";
import { TaskItem } from "../components/task-list.tsx";
import { useLiveQuery } from "../hooks/use-live-query.ts";
import { useMutate } from "../hooks/use-mutate.ts";
import type { Session } from "../chrome-storage.ts";
import { allTasks, type TaskWithSubject } from "../local-db/queries.ts";
import { groupTasks, type TaskBucket } from "../local-db/task-buckets.ts";

const SECTIONS: Array<{ bucket: TaskBucket; label: string }> = [
  { bucket: "overdue", label: "Overdue" },
  { bucket: "today", label: "Today" },
  { bucket: "upcoming", label: "Upcoming" },
  { bucket: "someday", label: "No due date" },
];

/** The rep's tasks (or everyone's): overdue, today, upcoming; done ones on request. */
export function TasksView({ session, members }: { session: Session; members: Map<string, Member> }) {
  const tasks = useLiveQuery<TaskWithSubject[] | undefined>(() => allTasks(), [], undefined);
  const mutator = useMutate(session);
  const [mine, setMine] = useState(true);
  const [showDone, setShowDone] = useState(false);
  if (tasks === undefined)
    return (
      <div class="empty" aria-busy="true">
        Loading tasks…
      </div>
    );
  const now = new Date();
  const scoped = mine ? tasks.filter((t) => (t.assigneeId ?? session.member.id) === session.member.id) : tasks;
  const groups = groupTasks(scoped, now);
  const shown = [...SECTIONS, ...(showDone ? [{ bucket: "done" as const, label: "Done" }] : [])];
  // The tasks as on screen: section by section, with the section and what each is about.
  const exported = () =>
    shown.flatMap(({ bucket, label }) =>
      groups[bucket].map(({ subjectName, ...task }) => ({ ...task, section: label, about: subjectName ?? "" })),
    );
  const shownCount = shown.reduce((n, { bucket }) => n + groups[bucket].length, 0);
  return (
    <section class="stack tasks-view" aria-label="Tasks">
      <div class="row">
        <label class="check">
          <input type="checkbox" checked={mine} onChange={(e) => setMine(e.currentTarget.checked)} /> Only mine
        </label>
        <label class="check">
          <input type="checkbox" checked={showDone} onChange={(e) => setShowDone(e.currentTarget.checked)} /> Show done
          ({groups.done.length})
        </label>
        {shownCount > 0 && (
          <CsvExportButton rows={exported} name="tasks" what={`${shownCount} ${shownCount === 1 ? "task" : "tasks"}`} />
        )}
      </div>
      {mutator.error && (
        <p class="error" role="alert">
          {mutator.error}
        </p>
      )}
      {scoped.length === 0 && <div class="empty">No tasks. Add one from a lead or contact ("Follow up…").</div>}
      {shown.map(({ bucket, label }) =>
        groups[bucket].length === 0 ? null : (
          <section
            key={bucket}
            class={`card stack bucket ${bucket}`}
            aria-labelledby={`bucket-${bucket}`}
            data-testid={`tasks-${bucket}`}
          >
            <h2 id={`bucket-${bucket}`}>
              {label} <span class="muted small">{groups[bucket].length}</span>
            </h2>
            <ul class="tasks">
              {groups[bucket].map((t) => (
                <TaskItem
                  key={t.id}
                  task={t}
                  overdue={bucket === "overdue"}
                  members={members}
                  mutator={mutator}
                  subjectName={t.subjectName ?? "(record)"}
                />
              ))}
            </ul>
          </section>
        ),
      )}
    </section>
  );
}
