import { useEffect, useState } from "preact/hooks";
import { QuickSearch } from "../components/quick-search.tsx";
import { recordHref } from "../components/format.ts";
import { NewRecordButton } from "../components/new-record-button.tsx";
import { newTypeForView, pageAfterCreate, subjectOf } from "../components/new-record.ts";
import { SignedOut } from "../components/signed-out.tsx";
import { SyncBadge } from "../components/sync-badge.tsx";
import { UndoToast } from "../components/undo-toast.tsx";
import { useSession } from "../hooks/use-session.ts";
import { useSyncState } from "../hooks/use-sync-state.ts";
import { useWorkspace } from "../hooks/use-workspace.ts";
import { lazyView } from "../components/lazy-view.tsx";
import { RecordsListView } from "./records-list-view.tsx";

// The lists (the default view) come with the page; every other view loads when first opened, so
// opening the dashboard does not parse the board, the import (papaparse, vCard), the charts…
const AuditView = lazyView(() => import("./audit-view.tsx").then((m) => m.AuditView), "audit log");
const ImportView = lazyView(() => import("./import-view.tsx").then((m) => m.ImportView), "import");
const PipelineView = lazyView(() => import("./pipeline-view.tsx").then((m) => m.PipelineView), "pipeline");
const PrivacyView = lazyView(() => import("./privacy-view.tsx").then((m) => m.PrivacyView), "privacy view");
const ReportsView = lazyView(() => import("./reports-view.tsx").then((m) => m.ReportsView), "reports");
const TasksView = lazyView(() => import("./tasks-view.tsx").then((m) => m.TasksView), "tasks");
// A record's page (its panel, timeline, actions) loads when a record is opened.
const RecordPanel = lazyView(() => import("../components/record-panel.tsx").then((m) => m.RecordPanel), "record");
const RecordPrivacy = lazyView(
  () => import("../components/record-privacy.tsx").then((m) => m.RecordPrivacy),
  "privacy actions",
);
const TrashView = lazyView(() => import("./trash-view.tsx").then((m) => m.TrashView), "trash");

/** Where the dashboard is, from its URL hash: one of the lists, the board, tasks, or a record. */
export type Route =
  | {
      view: "leads" | "contacts" | "companies" | "deals" | "tasks" | "reports" | "audit" | "privacy" | "trash";
    }
  /** `from`: the list whose Import button opened it (`#/import/contacts`), which the view speaks to. */
  | { view: "import"; from?: "leads" | "contacts" }
  | { view: "record"; type: string; id: string };

/** Reads `#/leads`, `#/record/lead/<id>`…; anything else is the leads list. */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, "").split("/");
  if (parts[0] === "record" && parts[1] && parts[2]) return { view: "record", type: parts[1], id: parts[2] };
  if (parts[0] === "import")
    return parts[1] === "leads" || parts[1] === "contacts" ? { view: "import", from: parts[1] } : { view: "import" };
  if (
    parts[0] === "contacts" ||
    parts[0] === "companies" ||
    parts[0] === "deals" ||
    parts[0] === "tasks" ||
    parts[0] === "reports" ||
    parts[0] === "audit" ||
    parts[0] === "privacy" ||
    parts[0] === "trash"
  )
    return { view: parts[0] };
  return { view: "leads" };
}

const NAV = [
  { view: "leads", label: "Leads" },
  { view: "contacts", label: "Contacts" },
  { view: "companies", label: "Companies" },
  { view: "deals", label: "Pipeline" },
  { view: "tasks", label: "Tasks" },
  { view: "reports", label: "Reports" },
  { view: "import", label: "Import" },
  { view: "audit", label: "Audit log" },
  { view: "privacy", label: "Privacy" },
  { view: "trash", label: "Trash" },
] as const;

/**
 * The view's <h1>. Audit, privacy and trash carry their own (with their state); a record page's visible
 * heading is the record's name, so its <h1> only tells a screen reader which page this is.
 */
function viewTitle(route: Route): string | null {
  if (route.view === "audit" || route.view === "privacy" || route.view === "trash" || route.view === "import")
    return null;
  if (route.view === "record") return `${route.type.charAt(0).toUpperCase()}${route.type.slice(1)} record`;
  return NAV.find((n) => n.view === route.view)?.label ?? null;
}

/** The dashboard: a full tab with the workspace's lists, the pipeline board, tasks and record pages. */
export function DashboardView() {
  const session = useSession();
  const sync = useSyncState();
  const { members, settings } = useWorkspace();
  const [route, setRoute] = useState<Route>(() => parseRoute(location.hash));
  useEffect(() => {
    const onHash = () => setRoute(parseRoute(location.hash));
    addEventListener("hashchange", onHash);
    return () => removeEventListener("hashchange", onHash);
  }, []);
  useEffect(() => {
    const label = route.view === "record" ? "Record" : NAV.find((n) => n.view === route.view)?.label;
    document.title = `${label} · Leadpane`;
    // Moving between views puts focus at the view's start, as a page load would.
    document.getElementById("main")?.focus();
  }, [route]);
  return (
    <div class="dashboard">
      <button type="button" class="skip" onClick={() => document.getElementById("main")?.focus()}>
        Skip to content
      </button>
      <header class="topbar">
        <span class="brand">
          <img src="/icon/32.png" alt="" width={20} height={20} /> Leadpane
        </span>
        {session && (
          <nav aria-label="Dashboard">
            {NAV.map((n) => (
              <a key={n.view} href={`#/${n.view}`} aria-current={route.view === n.view ? "page" : undefined}>
                {n.label}
              </a>
            ))}
          </nav>
        )}
        {session && (
          <div class="topsearch">
            <QuickSearch onOpen={(r) => (location.hash = recordHref(r.type, r.id))} />
          </div>
        )}
        {session && (
          <NewRecordButton
            defaultType={newTypeForView(route.view)}
            session={session}
            settings={settings}
            subject={route.view === "record" ? subjectOf(route.type, route.id) : null}
            onOpen={(ref, created) => {
              const page = pageAfterCreate(ref, created?.fields);
              location.hash = page === "tasks" ? "#/tasks" : recordHref(page.type, page.id);
            }}
          />
        )}
        {session && <SyncBadge state={sync} />}
        {session && <span class="small muted">{session.workspace.name}</span>}
      </header>
      <main id="main" class="app dash-main" tabIndex={-1}>
        {session && viewTitle(route) && (
          <h1 class={route.view === "record" ? "visually-hidden" : "view-title"}>{viewTitle(route)}</h1>
        )}
        {session === undefined ? null : session === null ? (
          <SignedOut />
        ) : route.view === "record" ? (
          <div class="record-page">
            <div>
              <button type="button" class="link small" onClick={() => history.back()}>
                ← Back
              </button>
            </div>
            <RecordPanel
              key={`${route.type}:${route.id}`}
              type={route.type}
              id={route.id}
              session={session}
              members={members}
              settings={settings}
            />
            <RecordPrivacy
              key={`privacy:${route.type}:${route.id}`}
              type={route.type}
              id={route.id}
              session={session}
              members={members}
            />
          </div>
        ) : route.view === "deals" ? (
          <PipelineView session={session} members={members} settings={settings} />
        ) : route.view === "audit" ? (
          <AuditView session={session} members={members} />
        ) : route.view === "privacy" ? (
          <PrivacyView session={session} members={members} />
        ) : route.view === "import" ? (
          <ImportView session={session} members={members} settings={settings} from={route.from} />
        ) : route.view === "trash" ? (
          <TrashView session={session} members={members} />
        ) : route.view === "reports" ? (
          <ReportsView session={session} members={members} settings={settings} />
        ) : route.view === "tasks" ? (
          <TasksView session={session} members={members} />
        ) : (
          // Keyed by list: each list starts with its own fresh filters, sort and selection.
          <RecordsListView
            key={route.view}
            type={route.view === "contacts" ? "contact" : route.view === "companies" ? "company" : "lead"}
            session={session}
            members={members}
          />
        )}
      </main>
      {session && <UndoToast />}
    </div>
  );
}
