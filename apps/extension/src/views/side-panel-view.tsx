import { useEffect, useState } from "preact/hooks";
import { choiceKey, chosenRecord } from "./record-choice.ts";
import { openInDashboard } from "../components/format.ts";
import { MailContext } from "../components/mail-context.tsx";
import { NewRecordButton } from "../components/new-record-button.tsx";
import { pageAfterCreate, subjectOf } from "../components/new-record.ts";
import { isMailUrl } from "../mail/mail-hosts.ts";
import { QuickSearch } from "../components/quick-search.tsx";
import { RecordPanel } from "../components/record-panel.tsx";
import { RecordTabs } from "../components/record-tabs.tsx";
import { SignedOut } from "../components/signed-out.tsx";
import { SyncBadge } from "../components/sync-badge.tsx";
import { UndoToast } from "../components/undo-toast.tsx";
import { useLiveQuery } from "../hooks/use-live-query.ts";
import { useSession } from "../hooks/use-session.ts";
import { useSyncState } from "../hooks/use-sync-state.ts";
import { useWorkspace } from "../hooks/use-workspace.ts";
import { askWorker, MESSAGES } from "../messaging.ts";
import { findForPage, type PageMatches } from "../local-db/queries.ts";
import { pinnedToTab, targetTabId } from "../tabs/target-tab.ts";
import { lazyView } from "../components/lazy-view.tsx";
import { markTiming } from "../test-seam.ts";

// The capture view (and the extraction it reviews) loads when a capture starts, not with the panel.
const CaptureView = lazyView(() => import("./capture-view.tsx").then((m) => m.CaptureView), "capture");

interface TabInfo {
  id: number;
  url: string;
  title: string;
}

/** The side panel: who this page is about in the workspace, their whole history, and what to do next. */
export function SidePanelView() {
  const session = useSession();
  const sync = useSyncState();
  const tab = useFollowedTab();
  const { members, settings } = useWorkspace();
  const [capturing, setCapturing] = useState(false);
  const [picked, setPicked] = useState<{ type: string; id: string } | null>(null);
  // Remembered by record, not by position: the list re-sorts when a status changes.
  const [chosen, setChosen] = useState<string | null>(null);
  // On a mail site, the open email's sender is who the page is about.
  const [mailEmails, setMailEmails] = useState<string[]>([]);
  // On a mail site the sender card offers capture; capturing the mail app's own page makes no sense.
  const onMail = tab ? isMailUrl(tab.url) : false;
  const matches = useLiveQuery<PageMatches | undefined>(
    () => {
      markTiming("page-lookup");
      return findForPage({ url: tab?.url ?? "", emails: mailEmails });
    },
    [tab?.url, mailEmails.join(",")],
    undefined,
  );

  useEffect(() => {
    // Opening the panel is a good moment to fetch teammates' latest changes.
    void askWorker({ type: MESSAGES.syncNow }).catch(() => undefined);
  }, [session?.clientId]);
  useEffect(() => {
    setCapturing(false);
    setPicked(null);
    // The chosen record is kept: it is found by its id, and a page without it shows its first record.
  }, [tab?.id, tab?.url]);

  const people = matches?.records.filter((r) => r.type !== "company") ?? [];
  const companies = matches?.records.filter((r) => r.type === "company") ?? [];
  // A person is the usual subject of a page; a company page with no known people shows the company.
  const shown = people.length ? people : companies;
  const current = chosenRecord<(typeof shown)[number]>(shown, chosen);

  return (
    <main class="app sidepanel">
      <header class="header">
        <h1 class="brand">
          <img src="/icon/32.png" alt="" width={18} height={18} /> Leadpane
        </h1>
        {session && <SyncBadge state={sync} />}
      </header>
      {session === undefined ? null : session === null ? (
        <SignedOut />
      ) : (
        <>
          <div class="row search-row">
            <QuickSearch onOpen={(r) => setPicked({ type: r.type, id: r.id })} />
            <NewRecordButton
              defaultType="lead"
              session={session}
              settings={settings}
              subject={
                picked ? subjectOf(picked.type, picked.id) : current ? subjectOf(current.type, current.id) : null
              }
              onOpen={(ref, created) => {
                const page = pageAfterCreate(ref, created?.fields);
                if (page !== "tasks") setPicked(page);
              }}
            />
          </div>
          {picked ? (
            <section class="stack" aria-label="Search result">
              <div>
                <button type="button" class="link" onClick={() => setPicked(null)}>
                  ← Back to this page
                </button>
              </div>
              <RecordPanel
                type={picked.type}
                id={picked.id}
                session={session}
                members={members}
                settings={settings}
                compact
                onOpen={() => openInDashboard(picked.type, picked.id)}
              />
            </section>
          ) : (
            <>
              {tab && (
                <div class="muted small page-context" title={tab.url}>
                  On: {tab.title || tab.url}
                </div>
              )}
              <MailContext session={session} tab={tab} onSenderEmails={setMailEmails} />
              {matches === undefined ? (
                <div class="card skeleton" role="progressbar" aria-busy="true" aria-label="Looking this page up" />
              ) : shown.length === 0 ? (
                onMail ? null : (
                  <div class="card soft stack" data-testid="not-in-workspace">
                    <p>
                      <strong>Not in your workspace yet.</strong>
                    </p>
                    <p class="small muted">
                      Nobody on this page is a lead, contact or company your team knows
                      {sync?.firstLoad ? " among the records loaded so far" : ""}.
                    </p>
                    {tab && !capturing && (
                      <div>
                        <button type="button" class="primary" onClick={() => setCapturing(true)}>
                          Capture from this page
                        </button>
                      </div>
                    )}
                  </div>
                )
              ) : (
                <section class="stack" aria-label="In your workspace">
                  <RecordTabs records={shown} current={current} onChoose={(r) => setChosen(choiceKey(r))}>
                    {current && (
                      <RecordPanel
                        key={current.id}
                        type={current.type}
                        id={current.id}
                        session={session}
                        members={members}
                        settings={settings}
                        compact
                        onOpen={() => openInDashboard(current.type, current.id)}
                      />
                    )}
                  </RecordTabs>
                  {people.length > 0 && companies.length > 0 && (
                    <div class="small muted">
                      Company:{" "}
                      {companies.map((c) => (
                        <button
                          type="button"
                          key={c.id}
                          class="link"
                          onClick={() => setPicked({ type: "company", id: c.id })}
                        >
                          {String(c.data.name ?? "")}
                        </button>
                      ))}
                    </div>
                  )}
                  {tab && !capturing && !onMail && (
                    <div>
                      <button type="button" onClick={() => setCapturing(true)}>
                        Capture more from this page
                      </button>
                    </div>
                  )}
                </section>
              )}
              {capturing && tab && <CaptureView session={session} tabId={tab.id} />}
            </>
          )}
          <footer class="row small footer">
            <button
              type="button"
              class="link"
              onClick={() => void browser.tabs.create({ url: browser.runtime.getURL("/dashboard.html") })}
            >
              Open dashboard
            </button>
            <button type="button" class="link" onClick={() => void browser.runtime.openOptionsPage()}>
              Settings
            </button>
          </footer>
        </>
      )}
      {session && <UndoToast />}
    </main>
  );
}

/** The tab the panel is about: the pinned one, or whichever tab is active, kept current. */
function useFollowedTab(): TabInfo | null {
  const [tab, setTab] = useState<TabInfo | null>(null);
  useEffect(() => {
    let current: number | null = null;
    const load = async (id: number | null) => {
      if (id === null) return setTab(null);
      current = id;
      const t = await browser.tabs.get(id).catch(() => null);
      setTab(t ? { id, url: t.url ?? "", title: t.title ?? "" } : null);
    };
    void targetTabId().then(load);
    if (pinnedToTab()) {
      const onUpdated = (id: number) => {
        if (id === current) void load(id);
      };
      browser.tabs.onUpdated.addListener(onUpdated);
      return () => browser.tabs.onUpdated.removeListener(onUpdated);
    }
    const onActivated = (info: { tabId: number }) => void load(info.tabId);
    const onUpdated = (id: number, change: { url?: string; status?: string }) => {
      if (id === current && (change.url || change.status === "complete")) void load(id);
    };
    browser.tabs.onActivated.addListener(onActivated);
    browser.tabs.onUpdated.addListener(onUpdated);
    return () => {
      browser.tabs.onActivated.removeListener(onActivated);
      browser.tabs.onUpdated.removeListener(onUpdated);
    };
  }, []);
  return tab;
}
