import { useEffect, useState } from "preact/hooks";
import { requestSiteAccess, siteOf, sitePattern } from "../capture/site-access.ts";

/**
 * What the person can do when Leadpane may not read the page: allow it on this site (Chrome asks
 * once and remembers), or click the toolbar button, which lets it read this one page.
 */
export function SiteAccess({ url, onAllowed }: { url: string; onAllowed: () => void }) {
  const site = siteOf(url);
  const [refused, setRefused] = useState(false);
  // Allowed some other way too (Chrome's extension settings, the site access menu): read the page then.
  useEffect(() => {
    const onAdded = (added: { origins?: string[] }) => {
      if (added.origins?.includes(sitePattern(url))) onAllowed();
    };
    browser.permissions.onAdded.addListener(onAdded);
    return () => browser.permissions.onAdded.removeListener(onAdded);
  }, [url]);
  const allow = () => {
    // Called straight from the click: Chrome only prompts during a user gesture.
    void requestSiteAccess(url)
      .then((granted) => (granted ? onAllowed() : setRefused(true)))
      .catch(() => setRefused(true));
  };
  return (
    <section class="card soft stack" data-testid="site-access" aria-labelledby="site-access-title">
      <p id="site-access-title">
        <strong>Leadpane may not read {site} yet.</strong>
      </p>
      <div>
        <button type="button" class="primary" onClick={allow}>
          Allow Leadpane on {site}
        </button>
      </div>
      <p class="small muted">
        Or click the Leadpane button in the toolbar to read this page once. Allowing a site is remembered; remove it any
        time in Chrome's extension settings.
      </p>
      {refused && (
        <p class="small" role="status">
          Not allowed on {site}. Clicking the Leadpane button in the toolbar still reads this one page.
        </p>
      )}
    </section>
  );
}
