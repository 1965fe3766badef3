import type { Role } from "@leadpane/domain";
import { getSession, rememberSession, setSession, type Session } from "../chrome-storage.ts";

// One's role is the server's word: an admin may have changed it (or ownership moved) since sign-in.
// Every member list the server sends (each sync's, the members screen's) says it; these read and
// adopt it.

/** Members as the server lists them, by id or in a list. */
type MemberRoles = ReadonlyMap<string, { role: Role }> | ReadonlyArray<{ id: string; role: Role }>;

function listedRole(members: MemberRoles, memberId: string): Role | undefined {
  return "get" in members ? members.get(memberId)?.role : members.find((m) => m.id === memberId)?.role;
}

/** One's role as the server last listed it, else as signed in. */
export function currentRole(session: { member: { id: string; role: Role } }, members: MemberRoles): Role {
  return listedRole(members, session.member.id) ?? session.member.role;
}

/**
 * The saved session with the role `members` gives its member, or null when nothing is to change:
 * the member is not listed, the role is the same, or this browser signed in again elsewhere since
 * the list was read for `readFor` (another client id: that session is not this list's to change).
 */
export function sessionWithListedRole(current: Session | null, readFor: Session, members: MemberRoles): Session | null {
  const role = listedRole(members, readFor.member.id);
  if (!current || !role || current.clientId !== readFor.clientId || current.member.role === role) return null;
  return { ...current, member: { ...current.member, role } };
}

/**
 * Records in the saved session (and the saved sessions list) the role the server lists for its
 * member, so every page offers what the role allows without signing in again.
 */
export async function adoptListedRole(readFor: Session, members: MemberRoles): Promise<void> {
  const updated = sessionWithListedRole(await getSession(), readFor, members);
  if (!updated) return;
  await setSession(updated);
  await rememberSession(updated);
}
