import { canManageMembers, type Member } from "@leadpane/domain";
import { useLiveQuery } from "../hooks/use-live-query.ts";
import { currentRole } from "../session/member-role.ts";
import type { Session } from "../chrome-storage.ts";
import type { LocalRecord } from "../local-db/db.ts";
import { getRecord } from "../local-db/queries.ts";
import { eraseConfirmText } from "./admin-rules.ts";
import "./admin.css";
import { PrivacyActions } from "./privacy-actions.tsx";

/** The privacy card of a lead's or contact's page, for owners and admins; nothing for anyone else or other records. */
export function RecordPrivacy({
  session,
  members,
  type,
  id,
}: {
  session: Session;
  members: Map<string, Member>;
  type: string;
  id: string;
}) {
  const record = useLiveQuery<LocalRecord | null | undefined>(
    async () => (await getRecord(type, id)) ?? null,
    [type, id],
    undefined,
  );
  if ((type !== "lead" && type !== "contact") || !canManageMembers(currentRole(session, members))) return null;
  if (!record || record.deleted) return null;
  const name = "name" in record.data && typeof record.data.name === "string" ? record.data.name : "this person";
  return (
    <section class="card stack" aria-labelledby={`privacy-${id}`}>
      <h3 id={`privacy-${id}`}>Privacy</h3>
      <PrivacyActions session={session} person={{ type, id }} who={name} confirmText={eraseConfirmText(record.data)} />
    </section>
  );
}
