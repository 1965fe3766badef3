import { useEffect, useState } from "preact/hooks";
import { QuickSearch } from "../components/quick-search.tsx";
import { SignedOut } from "../components/signed-out.tsx";
import { SyncBadge } from "../components/sync-badge.tsx";
import { useSession } from "../hooks/use-session.ts";
import { useSyncState } from "../hooks/use-sync-state.ts";
import { targetTabId } from "../tabs/target-tab.ts";
import { CaptureView } from "./capture-view.tsx";

/** The toolbar popup: capture from this page, and quick search. */
export function PopupView() {
  const session = useSession();
  const sync = useSyncState();
  const [tabId, setTabId] = useState<number | null | undefined>(undefined);
  useEffect(() => void targetTabId().then(setTabId), []);
  return (
    <main class="app popup">
      <div class="header">
        <h1 class="brand">
          <img src="/icon/32.png" alt="" width={18} height={18} /> Leadpane
        </h1>
        {session && <SyncBadge state={sync} />}
      </div>
      {session === undefined ? null : session === null ? (
        <SignedOut />
      ) : (
        <>
          <QuickSearch />
          {tabId ? (
            <CaptureView session={session} tabId={tabId} />
          ) : tabId === null ? (
            <p class="muted">No tab to capture from.</p>
          ) : null}
          <div class="row small">
            <button type="button" onClick={() => void openSidePanel()}>
              Open side panel
            </button>
            <button
              type="button"
              onClick={() => void browser.tabs.create({ url: browser.runtime.getURL("/dashboard.html") })}
            >
              Dashboard
            </button>
            <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
              Settings
            </button>
          </div>
        </>
      )}
    </main>
  );
}

async function openSidePanel(): Promise<void> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  const sidePanel = (browser as unknown as { sidePanel?: { open(o: { windowId: number }): Promise<void> } }).sidePanel;
  if (sidePanel && tab?.windowId !== undefined) await sidePanel.open({ windowId: tab.windowId });
  else await browser.tabs.create({ url: browser.runtime.getURL("/sidepanel.html") });
}
