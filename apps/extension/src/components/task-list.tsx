import { canWrite, newId, type Member, type SubjectRef, type Task } from "@leadpane/domain";
import { useState } from "preact/hooks";
import type { Mutator } from "../hooks/use-mutate.ts";
import type { Session } from "../chrome-storage.ts";
import { isOverdue, localInputToIso } from "../local-db/task-buckets.ts";
import { DeleteButton } from "./delete-record.tsx";
import { formatWhen } from "./format.ts";
import { scheduleReminder } from "../local-db/reminders.ts";
import { TaskEdit } from "./task-edit.tsx";

/** A record's tasks, overdue highlighted, with a form to add one with a due date (and its reminder). */
export function TaskList({
  tasks,
  subject,
  session,
  members,
  mutator,
}: {
  tasks: Task[];
  subject: SubjectRef;
  session: Session;
  members: Map<string, Member>;
  mutator: Mutator;
}) {
  const [title, setTitle] = useState("");
  const [due, setDue] = useState("");
  const now = new Date();
  const open = tasks
    .filter((t) => !t.done)
    .sort((a, b) => String(a.dueAt ?? "~").localeCompare(String(b.dueAt ?? "~")));
  const done = tasks.filter((t) => t.done);
  const writable = canWrite(session.member.role);
  const add = async () => {
    const dueAt = localInputToIso(due);
    const id = newId();
    const submitted = { title, due };
    const ok = await mutator.run([
      {
        name: "create",
        args: { type: "task", id, fields: { title: title.trim(), dueAt, subject, assigneeId: session.member.id } },
      },
    ]);
    if (ok) {
      if (dueAt) void scheduleReminder(id, dueAt);
      // Clear only what was saved: the rep may already be typing the next task.
      setTitle((t) => (t === submitted.title ? "" : t));
      setDue((d) => (d === submitted.due ? "" : d));
    }
  };
  return (
    <div class="stack">
      {open.length === 0 && <p class="muted small">No open tasks.</p>}
      <ul class="tasks" aria-label="Open tasks">
        {open.map((task) => (
          <TaskItem
            key={task.id}
            task={task}
            overdue={isOverdue(task, now)}
            members={members}
            mutator={mutator}
            readOnly={!writable}
          />
        ))}
      </ul>
      {done.length > 0 && <div class="muted small">{done.length} done</div>}
      {writable && (
        <form
          class="row task-form"
          aria-label="Add a task"
          onSubmit={(e) => {
            e.preventDefault();
            if (title.trim()) void add();
          }}
        >
          <input
            aria-label="Task"
            placeholder="Follow up…"
            value={title}
            onInput={(e) => setTitle(e.currentTarget.value)}
            style={{ flex: "2 1 140px" }}
          />
          <input
            aria-label="Due"
            type="datetime-local"
            value={due}
            onInput={(e) => setDue(e.currentTarget.value)}
            style={{ flex: "1 1 120px" }}
          />
          <button type="submit" disabled={mutator.busy || !title.trim()}>
            Add task
          </button>
        </form>
      )}
    </div>
  );
}

/** One task with its done checkbox; overdue ones are marked in words too, not only in colour. */
export function TaskItem({
  task,
  overdue,
  members,
  mutator,
  subjectName,
  readOnly = false,
}: {
  task: Task;
  overdue: boolean;
  members: Map<string, Member>;
  mutator: Mutator;
  subjectName?: string | null;
  readOnly?: boolean;
}) {
  const assignee = task.assigneeId ? members.get(task.assigneeId)?.name : null;
  return (
    <li class={`task ${overdue ? "overdue" : ""} ${task.done ? "done" : ""}`} data-testid="task">
      <label class="task-check">
        <input
          type="checkbox"
          checked={task.done}
          aria-label={`Done: ${task.title}`}
          disabled={readOnly}
          onChange={(e) =>
            void mutator.run([
              { name: "update", args: { type: "task", id: task.id, set: { done: e.currentTarget.checked } } },
            ])
          }
        />
        <span class="task-title">{task.title}</span>
      </label>
      <span class="small muted">
        {subjectName && task.subject && <a href={`#/record/${task.subject.type}/${task.subject.id}`}>{subjectName}</a>}
        {subjectName ? " · " : ""}
        {task.dueAt ? (
          overdue ? (
            <strong class="overdue-label">Overdue · {formatWhen(task.dueAt)}</strong>
          ) : (
            `Due ${formatWhen(task.dueAt)}`
          )
        ) : (
          "No due date"
        )}
        {assignee ? ` · ${assignee}` : ""}
      </span>
      {!readOnly && <TaskEdit task={task} />}
      {!readOnly && <DeleteButton type="task" id={task.id} name={task.title} mutator={mutator} compact />}
    </li>
  );
}
