import { describe, expect, it } from "vitest";
import type { Session } from "../chrome-storage.ts";
import { currentRole, sessionWithListedRole } from "./member-role.ts";

const session: Session = {
  serverUrl: "http://127.0.0.1:8787",
  token: "t",
  workspace: { id: "w1", name: "Acme" },
  member: { id: "m1", name: "Rep", email: "rep@acme.test", role: "member" },
  clientId: "c1",
};

describe("currentRole", () => {
  it("is the role the server last listed, else the one signed in with", () => {
    expect(currentRole(session, [{ id: "m1", role: "viewer" }])).toBe("viewer");
    expect(currentRole(session, new Map([["m1", { role: "admin" as const }]]))).toBe("admin");
    expect(currentRole(session, [{ id: "m2", role: "owner" }])).toBe("member");
    expect(currentRole(session, [])).toBe("member");
  });
});

describe("sessionWithListedRole", () => {
  it("takes the listed role into the saved session", () => {
    expect(sessionWithListedRole(session, session, [{ id: "m1", role: "viewer" }])).toEqual({
      ...session,
      member: { ...session.member, role: "viewer" },
    });
  });

  it("changes nothing when the role is the same or the member is not listed", () => {
    expect(sessionWithListedRole(session, session, [{ id: "m1", role: "member" }])).toBeNull();
    expect(sessionWithListedRole(session, session, [{ id: "m2", role: "viewer" }])).toBeNull();
    expect(sessionWithListedRole(null, session, [{ id: "m1", role: "viewer" }])).toBeNull();
  });

  it("never touches a session signed in since the list was read (the settings screen wrote over it before)", () => {
    const switched: Session = { ...session, workspace: { id: "w2", name: "Globex" }, clientId: "c2" };
    expect(sessionWithListedRole(switched, session, [{ id: "m1", role: "viewer" }])).toBeNull();
  });

  it("keeps what changed in the saved session meanwhile, replacing only the role", () => {
    const renamed: Session = { ...session, member: { ...session.member, name: "Rep Renamed" } };
    expect(sessionWithListedRole(renamed, session, [{ id: "m1", role: "admin" }])?.member).toEqual({
      ...renamed.member,
      role: "admin",
    });
  });
});
