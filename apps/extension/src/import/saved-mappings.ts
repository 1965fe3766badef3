import { headerSetKey, type ImportMapping } from "@leadpane/domain/import";
import { STORAGE_KEYS } from "../chrome-storage.ts";

// Column mappings a rep chose, per set of headers, so the next file from the same export maps itself.

/** Most header sets remembered (the oldest is forgotten first). */
const MAX_SAVED = 50;

type Saved = Record<string, ImportMapping>;

async function readAll(): Promise<Saved> {
  const stored = await browser.storage.local.get(STORAGE_KEYS.importMappings);
  return (stored[STORAGE_KEYS.importMappings] as Saved | undefined) ?? {};
}

/** The mapping saved for these headers, if any (and only if it still fits them). */
export async function savedMapping(headers: readonly string[]): Promise<ImportMapping | null> {
  const mapping = (await readAll())[headerSetKey(headers)];
  return mapping && mapping.length === headers.length ? mapping : null;
}

/** Remembers the mapping for these headers. */
export async function saveMapping(headers: readonly string[], mapping: ImportMapping): Promise<void> {
  const all = await readAll();
  const key = headerSetKey(headers);
  delete all[key];
  all[key] = mapping;
  const keys = Object.keys(all);
  for (const old of keys.slice(0, Math.max(0, keys.length - MAX_SAVED))) delete all[old];
  await browser.storage.local.set({ [STORAGE_KEYS.importMappings]: all });
}
