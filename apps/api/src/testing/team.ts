import { http, signUp } from "./server.ts";

/** A role in a workspace, as the tests exercise them. */
export type TestRole = "owner" | "admin" | "member" | "viewer";
/** The roles, most powerful first. */
export const TEST_ROLES: TestRole[] = ["owner", "admin", "member", "viewer"];

/** One signed-in member of a test workspace. */
interface TestMember {
  id: string;
  email: string;
  token: string;
  role: TestRole;
}

/** A workspace with one member of each role. */
export interface TestTeam {
  workspaceId: string;
  members: Record<TestRole, TestMember>;
}

let counter = 0;

/** Creates a workspace whose owner invites an admin, a member and a viewer, who all join. */
export async function createTeam(base: string, name = "Team"): Promise<TestTeam> {
  const tag = `${name.toLowerCase().replace(/[^a-z0-9]/g, "")}${++counter}`;
  const owner = await signUp(base, name, `owner@${tag}.test`);
  const members: Partial<Record<TestRole, TestMember>> = {
    owner: { id: owner.member.id, email: `owner@${tag}.test`, token: owner.token, role: "owner" },
  };
  for (const role of ["admin", "member", "viewer"] as const) {
    const email = `${role}@${tag}.test`;
    const invite = await http(base, owner.token)("POST", "/v1/invites", { role });
    if (invite.status !== 201) throw new Error(`invite failed: ${invite.status} ${JSON.stringify(invite.body)}`);
    const joined = await http(base)("POST", "/v1/invites/accept", {
      code: invite.body.code,
      name: `${role} of ${name}`,
      email,
    });
    if (joined.status !== 201) throw new Error(`accept failed: ${joined.status} ${JSON.stringify(joined.body)}`);
    members[role] = { id: joined.body.member.id, email, token: joined.body.token, role };
  }
  return { workspaceId: owner.workspace.id, members: members as Record<TestRole, TestMember> };
}

/** Settings for a test server that lets one loopback client make many requests (limits are tested on their own). */
export const UNLIMITED = {
  LEADPANE_RATE_LIMIT_PER_IP: 0,
  LEADPANE_RATE_LIMIT_PER_TOKEN: 0,
  LEADPANE_AUTH_FAILURES_PER_IP: 0,
} as const;
