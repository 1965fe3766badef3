import type { Role } from "@leadpane/domain";

/** Who is making a change: the signed-in member, in the workspace the request is for. */
export interface Actor {
  workspaceId: string;
  memberId: string;
  role: Role;
}
