import { randomUUID } from "node:crypto";
import { createClient } from "@libsql/client";
import { applyMutation, formatHlc, type SyncedRecord } from "@leadpane/domain/sync";

/**
 * Writes a workspace of `count` records straight into the API's database file (a quarter each
 * companies, leads, contacts and notes about the contacts; the push path is measured by
 * apps/api/bench/push.bench.ts): records built by the domain's own `create`, 1,000 per version,
 * so a pull page of 5,000 ends after 5 versions. Answers the contacts' emails.
 */
export async function seedWorkspace(
  dbUrl: string,
  workspaceId: string,
  memberId: string,
  count: number,
): Promise<{ emails: string[] }> {
  const client = createClient({ url: dbUrl, timeout: 10_000 });
  const quarter = Math.floor(count / 4);
  const emails: string[] = [];
  const reader = { get: async () => undefined };
  let wall = Date.now() - 86_400_000;
  const now = new Date().toISOString();
  const make = async (type: string, fields: Record<string, unknown>): Promise<SyncedRecord> => {
    const hlc = formatHlc({ wall: ++wall, counter: 0, node: "seed" });
    const result = await applyMutation(
      reader,
      "create",
      { type, id: randomUUID(), fields },
      { now, hlc, actorId: memberId, defaultRegion: "US" },
    );
    if (!result.ok) throw new Error(`seed ${type}: ${result.error.message}`);
    return result.changed[0]!;
  };
  const all: SyncedRecord[] = [];
  const contacts: SyncedRecord[] = [];
  for (let n = 0; n < quarter; n++) {
    all.push(await make("company", { name: `Company ${n}`, domain: `company${n}.test` }));
    all.push(await make("lead", { name: `Lead ${n}`, title: "Buyer", emails: [`lead${n}@company${n}.test`] }));
    const email = `contact${n}@company${n % 5000}.test`;
    emails.push(email);
    const contact = await make("contact", { name: `Contact ${n}`, emails: [email] });
    contacts.push(contact);
    all.push(contact);
  }
  for (let n = 0; n < count - 3 * quarter; n++) {
    const subject = contacts[n % contacts.length]!;
    all.push(
      await make("activity", {
        type: "note",
        subject: { type: "contact", id: subject.id },
        body: `Call notes ${n}`,
        occurredAt: now,
      }),
    );
  }
  let version = 0;
  for (let i = 0; i < all.length; i += 1000) {
    version += 1;
    const chunk = all.slice(i, i + 1000);
    await client.batch(
      chunk.map((r) => ({
        sql:
          "INSERT INTO records (workspace_id, type, id, data, meta, deleted, " +
          "version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?)",
        args: [workspaceId, r.type, r.id, JSON.stringify(r.data), JSON.stringify(r.meta), version, now, now],
      })),
      "write",
    );
  }
  await client.execute({ sql: "UPDATE workspaces SET version = ? WHERE id = ?", args: [version, workspaceId] });
  client.close();
  return { emails };
}
