import type { Member } from "@leadpane/domain";
import { useEffect, useState } from "preact/hooks";
import { QuickSearch } from "../components/quick-search.tsx";
import { RecordCard } from "../components/record-card.tsx";
import { SignedOut } from "../components/signed-out.tsx";
import { SyncBadge } from "../components/sync-badge.tsx";
import { Timeline } from "../components/timeline.tsx";
import { useLiveQuery } from "../hooks/use-live-query.ts";
import { useSession } from "../hooks/use-session.ts";
import { useSyncState } from "../hooks/use-sync-state.ts";
import { askWorker, MESSAGES } from "../messaging.ts";
import { getMeta } from "../store/db.ts";
import { findForPage } from "../store/queries.ts";
import { pinnedToTab, targetTabId } from "../tabs/target-tab.ts";
import { CaptureView } from "./capture-view.tsx";

interface TabInfo {
  id: number;
  url: string;
  title: string;
}

/** The side panel: who this page is about in the workspace, and their whole history. */
export function SidePanelView() {
  const session = useSession();
  const sync = useSyncState();
  const tab = useFollowedTab();
  const [capturing, setCapturing] = useState(false);
  const members = useLiveQuery(async () => new Map((await getMeta("members", [] as Member[])).map((m) => [m.id, m])), [], new Map<string, Member>());
  const matches = useLiveQuery(() => findForPage({ url: tab?.url ?? "" }), [tab?.url], { records: [], activities: [] });

  useEffect(() => {
    // Opening the panel is a good moment to fetch teammates' latest changes.
    void askWorker({ type: MESSAGES.syncNow }).catch(() => undefined);
  }, [session?.clientId]);
  useEffect(() => setCapturing(false), [tab?.id, tab?.url]);

  return (
    <main class="app">
      <div class="header">
        <span class="brand">Leadpane</span>
        {session && <SyncBadge state={sync} />}
      </div>
      {session === undefined ? null : session === null ? (
        <SignedOut />
      ) : (
        <>
          <QuickSearch />
          {tab && (
            <div class="muted small" title={tab.url}>
              {tab.title || tab.url}
            </div>
          )}
          {matches.records.length === 0 ? (
            <div class="card soft stack" data-testid="not-in-workspace">
              <p>Not in your workspace yet.</p>
              {tab && !capturing && (
                <div>
                  <button class="primary" onClick={() => setCapturing(true)}>Capture from this page</button>
                </div>
              )}
            </div>
          ) : (
            <section class="stack" aria-label="In your workspace">
              {matches.records.map((record) => (
                <RecordCard key={`${record.type}:${record.id}`} record={record} members={members} />
              ))}
              {tab && !capturing && (
                <div>
                  <button onClick={() => setCapturing(true)}>Capture more from this page</button>
                </div>
              )}
            </section>
          )}
          {capturing && tab && <CaptureView session={session} tabId={tab.id} />}
          {matches.records.length > 0 && (
            <section class="stack">
              <h3>History</h3>
              <Timeline activities={matches.activities} members={members} />
            </section>
          )}
        </>
      )}
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
