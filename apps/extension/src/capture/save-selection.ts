import { newId } from "@leadpane/domain";
import { isNeverCaptureUrl } from "@leadpane/domain/never-capture";
import { getBlockedSites, getSession } from "../chrome-storage.ts";
import { getMeta } from "../local-db/db.ts";
import { mutateAll } from "../local-db/local-mutations.ts";
import { parseSelection } from "./parse-selection.ts";
import { captureActivity } from "./capture-activity.ts";
import { captureLead, captureProvenance } from "./capture-lead.ts";

/** What saving a selection did, in words for a notification. */
export type SelectionOutcome = { ok: true; name: string; leadId: string } | { ok: false; reason: string };

/**
 * Saves the person in a text selection as a new lead, with a capture activity that names the page:
 * the same local transaction and sync as any capture. Nothing is saved on a never-capture site.
 */
export async function saveSelectionAsLead(
  text: string,
  page: { url: string; title: string },
): Promise<SelectionOutcome> {
  const session = await getSession();
  if (!session) return { ok: false, reason: "Sign in to Leadpane first (extension settings)." };
  if (page.url && isNeverCaptureUrl(page.url, await getBlockedSites()))
    return { ok: false, reason: "Capture is turned off for this site." };
  const settings = await getMeta("settings", null);
  const region = settings?.defaultRegion ?? "US";
  const person = parseSelection(text, region);
  if (!person) return { ok: false, reason: "No name or email found in the selected text." };
  const now = new Date().toISOString();
  const leadId = newId();
  const url = /^https?:/.test(page.url) ? page.url : null;
  const provenance = captureProvenance({
    url,
    methods: ["selection"],
    fallback: "selection",
    at: now,
    by: session.member.id,
  });
  await mutateAll(
    [
      captureLead(leadId, person, {
        source: url ? { kind: "web", url } : { kind: "manual" },
        ownerId: session.member.id,
        provenance,
      }),
      captureActivity({
        id: newId(),
        subject: { type: "lead", id: leadId },
        body: `Saved from selected text on ${page.title || page.url || "a page"}`,
        at: now,
        authorId: session.member.id,
        data: { ...(url ? { url } : {}), title: page.title, methods: ["selection"] },
      }),
    ],
    { actorId: session.member.id, nodeId: session.clientId, defaultRegion: region },
  );
  return { ok: true, name: person.name, leadId };
}
