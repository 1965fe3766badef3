/**
 * The sync protocol's version. Clients send it on every push and pull; a server answers a
 * version it does not serve (see OLDEST_CLIENT_PROTOCOL) with 409 `protocol_mismatch`, telling the client to update.
 * `protocol-version.test.ts` pins the message schemas of each version: a change to what travels
 * (the schemas in protocol.ts, the poke events, a mutation's arguments) needs a new version and
 * history line.
 *
 * History:
 * - 1: push of per-client, gap-free mutation ids; pull by workspace version cursor; poke stream.
 * - 2: the setDealCloseDate mutation (a new mutation name and its arguments).
 * - 3: the revertFields mutation (undo: an action's writes put back unless changed since).
 * - 4: the recordImport mutation (one part of an import's history entry; it changes no record).
 */
export const PROTOCOL_VERSION = 4;

/**
 * The oldest client version this server still serves. Versions 2 and 3 only added mutation names, so a
 * version-1 extension's messages are still valid and the answers it gets are unchanged: it
 * keeps syncing until it updates. Raise this when a version changes what older clients send or read.
 */
export const OLDEST_CLIENT_PROTOCOL = 1;

/** Whether a server of this build serves a client speaking `version`. */
export function servesProtocol(version: number): boolean {
  return version >= OLDEST_CLIENT_PROTOCOL && version <= PROTOCOL_VERSION;
}
