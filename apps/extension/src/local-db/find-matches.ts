import { findMatchesIn, type MatchCandidate, type RecordMatch } from "@leadpane/domain";
import { db } from "./db.ts";
import { dexieReplica } from "./local-mutations.ts";

/**
 * The records of the local store that match a candidate (the domain's matching rules). Pages import
 * it on demand: the rules bring libphonenumber and the public-suffix list, which a page's first
 * screen does not need.
 */
export function findMatchesInStore(candidate: MatchCandidate, defaultRegion: string): Promise<RecordMatch[]> {
  return findMatchesIn(dexieReplica(db), candidate, { defaultRegion });
}
