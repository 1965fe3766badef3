import { isNeverCaptureUrl } from "@leadpane/domain/never-capture";
import type { MailActionReply, MailActionRequest } from "../messaging.ts";
import { getBlockedSites, getSession } from "../chrome-storage.ts";
import { runMailAction, toReply } from "./mail-actions.ts";
import { plainFailure } from "../components/plain-failure.ts";

/** The worker's answer to a mail page's button: checks sign-in and the never-capture list, then acts locally. */
export async function handleMailAction(request: MailActionRequest): Promise<MailActionReply> {
  try {
    const session = await getSession();
    if (!session) return { ok: false, text: "Sign in to Leadpane first (extension settings)." };
    // The page checked too, but the list may have changed since it rendered its buttons.
    if (isNeverCaptureUrl(request.pageUrl, await getBlockedSites()))
      return { ok: false, text: "Capture is turned off for this site (see Leadpane settings)." };
    return toReply(await runMailAction(request.action, request.message, request.pageUrl, session));
  } catch (error) {
    return { ok: false, text: `Leadpane could not save this: ${plainFailure(error, "the change was refused")}` };
  }
}
