import { and, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "../db/client.ts";
import { records } from "../db/schema.ts";
import { readableJson } from "../db/json.ts";

type RecordRow = typeof records.$inferSelect;

/** Whom a privacy request is about: an email address, or one lead or contact record. */
export type PersonQuery = { email: string } | { type: "lead" | "contact"; id: string };

/** Everything a workspace holds about one person. */
export interface PersonData {
  /** The person's email addresses: the one asked about and those on their records. */
  emails: string[];
  /** Their lead and contact records, tombstones included (a deleted record still holds their data). */
  people: RecordRow[];
  /** Activities and tasks about one of those records. */
  about: RecordRow[];
  /** Other records whose fields or sync history mention one of their email addresses. */
  mentions: RecordRow[];
}

const PERSON_TYPES = ["lead", "contact"] as const;
// Links are followed a few hops (lead → contact it became → other leads of that contact) and no more:
// each hop is one query, and real chains are short.
const MAX_HOPS = 5;
const CHUNK = 200;

/**
 * Finds a person's records in one workspace: the seed (by email, or the named record), everything
 * sharing an email address with it, leads converted into its contacts and contacts its leads became;
 * then what is about those records and what mentions their addresses. `null` when a named record
 * does not exist in this workspace. Reads through `db`, so inside a write transaction it sees a
 * consistent state.
 */
export async function findPerson(db: Db | Tx, workspaceId: string, query: PersonQuery): Promise<PersonData | null> {
  const inWorkspace = eq(records.workspaceId, workspaceId);
  const people = new Map<string, RecordRow>();
  const emails = new Set<string>();
  const add = (rows: RecordRow[]) => {
    let added = 0;
    for (const row of rows) {
      const key = `${row.type}:${row.id}`;
      if (people.has(key)) continue;
      people.set(key, row);
      added++;
      for (const email of stringList(parse(row.data).emails)) emails.add(email.toLowerCase());
    }
    return added;
  };

  if ("email" in query) {
    emails.add(query.email.trim().toLowerCase());
  } else {
    const seed = await db
      .select()
      .from(records)
      .where(and(inWorkspace, eq(records.type, query.type), eq(records.id, query.id)));
    if (!seed.length) return null;
    add(seed);
  }

  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const byEmail = await selectChunked([...emails], (chunk) =>
      db
        .select()
        .from(records)
        .where(
          and(
            inWorkspace,
            inArray(records.type, [...PERSON_TYPES]),
            sql`exists (select 1 from json_each(${readableJson(records.data)}, '$.emails') as e where lower(e.value) in (${sql.join(
              chunk.map((e) => sql`${e}`),
              sql`, `,
            )}))`,
          ),
        ),
    );
    const linked: Array<{ type: "lead" | "contact"; id: string }> = [];
    for (const row of [...people.values(), ...byEmail]) {
      const data = parse(row.data);
      if (row.type === "contact") for (const id of stringList(data.sourceLeadIds)) linked.push({ type: "lead", id });
      if (row.type === "lead" && typeof data.convertedContactId === "string")
        linked.push({ type: "contact", id: data.convertedContactId });
    }
    const byLink = await selectChunked(
      linked.filter((ref) => !people.has(`${ref.type}:${ref.id}`)).map((ref) => ref.id),
      (chunk) =>
        db
          .select()
          .from(records)
          .where(and(inWorkspace, inArray(records.type, [...PERSON_TYPES]), inArray(records.id, chunk))),
    );
    if (add([...byEmail, ...byLink]) === 0) break;
  }

  const personIds = [...people.values()].map((row) => row.id);
  const aboutCandidates = await selectChunked(personIds, (chunk) =>
    db
      .select()
      .from(records)
      .where(
        and(
          inWorkspace,
          inArray(records.type, ["activity", "task"]),
          sql`json_extract(${readableJson(records.data)}, '$.subject.id') in (${sql.join(
            chunk.map((id) => sql`${id}`),
            sql`, `,
          )})`,
        ),
      ),
  );
  const about = aboutCandidates.filter((row) => {
    const subject = parse(row.data).subject as { type?: unknown; id?: unknown } | null | undefined;
    return people.has(`${String(subject?.type)}:${String(subject?.id)}`);
  });

  const taken = new Set([...people.keys(), ...about.map((row) => `${row.type}:${row.id}`)]);
  const mentionConditions: SQL[] = [...emails].flatMap((email) => {
    const pattern = `%${email.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    return [sql`${records.data} like ${pattern} escape '\\'`, sql`${records.meta} like ${pattern} escape '\\'`];
  });
  const mentions = mentionConditions.length
    ? (
        await db
          .select()
          .from(records)
          .where(and(inWorkspace, or(...mentionConditions)))
      ).filter((row) => !taken.has(`${row.type}:${row.id}`))
    : [];

  return { emails: [...emails], people: [...people.values()], about, mentions };
}

async function selectChunked<T>(values: string[], run: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const unique = [...new Set(values)];
  const out: T[] = [];
  for (let i = 0; i < unique.length; i += CHUNK) out.push(...(await run(unique.slice(i, i + CHUNK))));
  return out;
}

function parse(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}
