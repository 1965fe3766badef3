import { describe, expect, it } from "vitest";
import { ERROR_CODES } from "@leadpane/domain";
import { ApiRequestError } from "../api.ts";
import {
  canChangeRole,
  canRemove,
  canRevokeToken,
  canTransferTo,
  describeAdminError,
  deviceLabel,
  downloadName,
  eraseConfirmed,
  eraseConfirmText,
  leaveBlocker,
} from "./admin-rules.ts";

const owner = { id: "o", role: "owner" as const };
const admin = { id: "a", role: "admin" as const };
const member = { id: "m", role: "member" as const };
const viewer = { id: "v", role: "viewer" as const };

describe("who may manage whom", () => {
  it("lets owners and admins change and remove anyone but the owner and themselves", () => {
    expect(canChangeRole(owner, member)).toBe(true);
    expect(canChangeRole(admin, viewer)).toBe(true);
    expect(canChangeRole(admin, admin)).toBe(false);
    expect(canChangeRole(admin, owner)).toBe(false);
    expect(canChangeRole(member, viewer)).toBe(false);
    expect(canRemove(owner, admin)).toBe(true);
    expect(canRemove(viewer, member)).toBe(false);
  });

  it("lets only the owner transfer, to someone else", () => {
    expect(canTransferTo(owner, member)).toBe(true);
    expect(canTransferTo(owner, owner)).toBe(false);
    expect(canTransferTo(admin, member)).toBe(false);
  });

  it("keeps the owner from leaving", () => {
    expect(leaveBlocker("owner")).toMatch(/transfer ownership/);
    expect(leaveBlocker("viewer")).toBeNull();
  });

  it("offers revoking other devices, never this browser's", () => {
    expect(canRevokeToken(member, { memberId: "m", current: true })).toBe(false);
    expect(canRevokeToken(member, { memberId: "m", current: false })).toBe(true);
    expect(canRevokeToken(member, { memberId: "a", current: false })).toBe(false);
    // The API refuses an admin the owner's devices; the button stays so its reason is shown.
    expect(canRevokeToken(admin, { memberId: "o", current: false })).toBe(true);
  });
});

describe("erase confirmation", () => {
  it("asks for the first email, else the name", () => {
    expect(eraseConfirmText({ name: "Erin Example", emails: ["erin@x.test", "e@y.test"] })).toBe("erin@x.test");
    expect(eraseConfirmText({ name: "Erin Example", emails: [] })).toBe("Erin Example");
    expect(eraseConfirmText({})).toBe("");
  });

  it("matches ignoring case and extra spaces, never an empty name", () => {
    expect(eraseConfirmed("  ERIN@x.test ", "erin@x.test")).toBe(true);
    expect(eraseConfirmed("Erin  Example", "Erin Example")).toBe(true);
    expect(eraseConfirmed("erin@x.tes", "erin@x.test")).toBe(false);
    expect(eraseConfirmed("", "")).toBe(false);
  });
});

describe("downloads and errors", () => {
  it("names downloads by what and day", () => {
    expect(downloadName("person", "json", new Date("2025-03-04T10:00:00Z"))).toBe("leadpane-person-2025-03-04.json");
    expect(downloadName("Leads", "csv", new Date("2025-03-04T10:00:00Z"))).toBe("leadpane-leads-2025-03-04.csv");
  });

  it("tells a revoked browser apart from other refusals", () => {
    expect(describeAdminError(new ApiRequestError(401, ERROR_CODES.unauthorized, "Invalid token")).signedOut).toBe(
      true,
    );
    expect(
      describeAdminError(new ApiRequestError(403, ERROR_CODES.forbidden, "Admins cannot revoke the owner's devices")),
    ).toEqual({ message: "Admins cannot revoke the owner's devices", signedOut: false });
    expect(describeAdminError(new TypeError("Failed to fetch")).message).toMatch(/reach the server/);
  });
});

describe("deviceLabel", () => {
  it("shows a device's name, and Browser for the unnamed ones older servers made", () => {
    expect(deviceLabel("Chrome on Linux")).toBe("Chrome on Linux");
    expect(deviceLabel("device")).toBe("Browser");
    expect(deviceLabel("first device")).toBe("Browser");
    expect(deviceLabel(" ")).toBe("Browser");
  });
});
