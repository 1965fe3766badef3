import { linkLabel } from "@leadpane/domain";
import { useWorkspace } from "../hooks/use-workspace.ts";
import { loadedRules } from "../local-db/rules.ts";
import { phoneRegion } from "./format.ts";

/**
 * A record's phones as people write them in the workspace's region ("(415) 555-0100", or
 * "+44 20 7946 0958" for another country), each a `tel:` link that dials it.
 */
export function PhoneLinks({ phones }: { phones: readonly string[] }) {
  const { settings } = useWorkspace();
  const region = phoneRegion(settings);
  if (!phones.length) return null;
  return (
    <ul class="inline-list small" aria-label="Phones" data-testid="record-phones">
      {phones.map((phone) => {
        // Loaded by the read that gave these phones (recordDetail, findForPage, the mail section).
        const shown = loadedRules().displayPhone(phone, region);
        return (
          <li key={phone}>
            {shown.href ? (
              <a href={shown.href} class="phone" title={`Call ${shown.text}`}>
                {shown.text}
              </a>
            ) : (
              shown.text
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** Saved links by the site they are on ("LinkedIn · aoife-marquez"), opening in a new tab; the full address on hover. */
export function SavedLinks({ urls }: { urls: readonly string[] }) {
  if (!urls.length) return null;
  return (
    <ul class="inline-list small" aria-label="Links" data-testid="record-links">
      {urls.map((url) => {
        const label = linkLabel(url);
        return (
          <li key={url} class="ellipsis">
            <a href={url} target="_blank" rel="noreferrer" title={url}>
              {label ? (
                <>
                  <strong>{label.site}</strong>
                  {label.detail && ` · ${label.detail}`}
                </>
              ) : (
                url
              )}
            </a>
          </li>
        );
      })}
    </ul>
  );
}
