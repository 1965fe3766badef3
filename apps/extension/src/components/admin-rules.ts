import { canManageMembers, type Role } from "@leadpane/domain";
import { ApiRequestError } from "../api.ts";

// What the admin screens offer to whom. The API decides in the end (and its refusals are shown);
// these only keep buttons away from people who could never use them.

/** Someone in the workspace, as far as these rules care. */
export interface Who {
  id: string;
  role: Role;
}

/** Roles that can be given by changing a role (ownership moves only by transfer). */
export const ASSIGNABLE_ROLES = ["admin", "member", "viewer"] as const;
/** A role that can be given by changing a role. */
export type AssignableRole = (typeof ASSIGNABLE_ROLES)[number];

/** Words for each role, with what it may do. */
export const ROLE_LABELS: Record<Role, string> = {
  owner: "Owner",
  admin: "Admin",
  member: "Member",
  viewer: "Viewer (read only)",
};

/** Whether `actor` may change `target`'s role: owners and admins, for anyone but the owner and themselves. */
export function canChangeRole(actor: Who, target: Who): boolean {
  return canManageMembers(actor.role) && target.role !== "owner" && target.id !== actor.id;
}

/** Whether `actor` may remove `target` (oneself leaves instead; the owner is never removed). */
export function canRemove(actor: Who, target: Who): boolean {
  return canChangeRole(actor, target);
}

/** Whether `actor` may hand the workspace over to `target`. */
export function canTransferTo(actor: Who, target: Who): boolean {
  return actor.role === "owner" && target.id !== actor.id;
}

/** Why `role` cannot leave the workspace, or null when it can. */
export function leaveBlocker(role: Role): string | null {
  return role === "owner" ? "The owner cannot leave: transfer ownership to someone else first." : null;
}

/**
 * Whether `actor` is offered to revoke a device: never this browser's own (sign out does that),
 * one's own others, and anyone's for owners and admins (the API refuses an admin the owner's).
 */
export function canRevokeToken(actor: Who, token: { memberId: string; current: boolean }): boolean {
  if (token.current) return false;
  return token.memberId === actor.id || canManageMembers(actor.role);
}

/** Whether the text typed into an erase confirmation names the person (case and spaces aside). */
export function eraseConfirmed(typed: string, expected: string): boolean {
  const norm = (s: string) => s.trim().replace(/\s+/g, " ").toLowerCase();
  return norm(expected) !== "" && norm(typed) === norm(expected);
}

/** What must be typed to erase a lead or contact: their first email address, else their name. */
export function eraseConfirmText(data: Record<string, unknown>): string {
  const emails = Array.isArray(data.emails)
    ? data.emails.filter((e): e is string => typeof e === "string" && e !== "")
    : [];
  if (emails[0]) return emails[0];
  return typeof data.name === "string" ? data.name : "";
}

/** A file name for a download: `leadpane-<what>-<YYYY-MM-DD>.<ext>` (what the API also names it). */
export function downloadName(what: string, ext: "json" | "csv", now = new Date()): string {
  const safe =
    what
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "export";
  return `leadpane-${safe}-${now.toISOString().slice(0, 10)}.${ext}`;
}

/** An API failure in words for an admin screen; `signedOut` when this browser's token no longer works. */
export function describeAdminError(error: unknown): { message: string; signedOut: boolean } {
  if (error instanceof ApiRequestError) {
    if (error.status === 401) {
      return {
        message:
          "This browser is no longer signed in to the workspace: its device was revoked " +
          "or you were removed. Sign out, then join again with a new invite code.",
        signedOut: true,
      };
    }
    return { message: error.message, signedOut: false };
  }
  if (error instanceof TypeError)
    return { message: "Could not reach the server. Check your connection and try again.", signedOut: false };
  return { message: (error as Error)?.message || "Something went wrong", signedOut: false };
}

/** Labels servers gave devices before they were named from the browser ("Chrome on Linux"). */
const UNNAMED_DEVICE_LABELS = new Set(["", "device", "first device"]);

/** A device's name: its label, or "Browser" for one signed in before devices had names. */
export function deviceLabel(label: string): string {
  return UNNAMED_DEVICE_LABELS.has(label.trim()) ? "Browser" : label;
}
