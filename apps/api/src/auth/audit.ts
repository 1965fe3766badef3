import type { Db, Tx } from "../db/client.ts";
import { auditLog } from "../db/schema.ts";

/**
 * Audit actions of member, invite, token, API key, privacy and export administration (record changes use
 * their mutation's name).
 */
export const AUDIT_ACTIONS = {
  workspaceCreated: "workspace.created",
  workspaceExported: "workspace.exported",
  memberRoleChanged: "member.role_changed",
  memberRemoved: "member.removed",
  memberLeft: "member.left",
  ownershipTransferred: "member.ownership_transferred",
  inviteCreated: "invite.created",
  inviteRevoked: "invite.revoked",
  inviteAccepted: "invite.accepted",
  tokenCreated: "token.created",
  tokenRevoked: "token.revoked",
  apiKeyCreated: "api_key.created",
  apiKeyRevoked: "api_key.revoked",
  calendarFeedCreated: "calendar_feed.created",
  calendarFeedRevoked: "calendar_feed.revoked",
  personExported: "privacy.exported",
  personErased: "privacy.erased",
  settingsChanged: "workspace.settings_changed",
  trashPurged: "trash.purged",
  webhookCreated: "webhook.created",
  webhookUpdated: "webhook.updated",
  webhookDeleted: "webhook.deleted",
  webhookRestored: "webhook.restored",
  webhookSecretRotated: "webhook.secret_rotated",
  webhookDisabled: "webhook.disabled",
  webhookReplayed: "webhook.replayed",
} as const;
/** One of the administrative audit actions. */
type AuditAction = (typeof AUDIT_ACTIONS)[keyof typeof AUDIT_ACTIONS];

/** An administrative event to record. `detail` must hold ids and counts only: never secrets or personal data. */
export interface AdminAuditEntry {
  workspaceId: string;
  memberId: string | null;
  action: AuditAction;
  /** What the action was about, e.g. `member`/`invite`/`token` or a record type. */
  targetType?: string | null;
  targetId?: string | null;
  detail?: Record<string, unknown>;
}

/** Appends an audit row, inside the caller's transaction when given one so it commits with the change. */
export async function writeAudit(db: Db | Tx, entry: AdminAuditEntry, at = new Date().toISOString()): Promise<void> {
  await db.insert(auditLog).values({
    workspaceId: entry.workspaceId,
    memberId: entry.memberId,
    action: entry.action,
    recordType: entry.targetType ?? null,
    recordId: entry.targetId ?? null,
    at,
    detail: JSON.stringify(entry.detail ?? {}),
  });
}
