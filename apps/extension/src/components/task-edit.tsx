import type { Task } from "@leadpane/domain";
import type { SyncedRecord } from "@leadpane/domain/sync";
import { useState } from "preact/hooks";
import { useSession } from "../hooks/use-session.ts";
import { useWorkspace } from "../hooks/use-workspace.ts";
import { RecordFields } from "./record-fields.tsx";

/** A task's text, due time and assignee, edited in place behind an "Edit" toggle on its row. */
export function TaskEdit({ task }: { task: Task }) {
  const [open, setOpen] = useState(false);
  return (
    <div class="task-edit">
      <button
        type="button"
        class="link small"
        aria-expanded={open}
        aria-label={`Edit task ${task.title}`}
        onClick={() => setOpen(!open)}
      >
        {open ? "Done editing" : "Edit"}
      </button>
      {open && <TaskFields task={task} />}
    </div>
  );
}

function TaskFields({ task }: { task: Task }) {
  const session = useSession();
  const { members, settings } = useWorkspace();
  if (!session) return null;
  // A task has no set-valued field, so the sync metadata (what a remove needs) plays no part here.
  const record: SyncedRecord = {
    type: "task",
    id: task.id,
    data: task,
    meta: { clocks: {}, sets: {}, history: [] },
    deleted: false,
    version: 0,
  };
  return <RecordFields record={record} session={session} members={members} settings={settings} heading={null} />;
}
