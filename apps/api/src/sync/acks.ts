/**
 * A sync client's recent pushes, as stored in `sync_clients.acks`: `[version, lastMutationId]`
 * pairs, oldest first. A pull page ending at version V acknowledges the client's mutations up to
 * the last push at or before V: exactly those whose effects the client holds after that page, so
 * it stops replaying them. Without this, a page in the middle of a pull would either hide the
 * client's saved changes (acknowledged too early) or replay them a second time (too late).
 */

/** Pushes remembered per client; a client further behind on its own pushes waits for its last page. */
export const KEPT_ACKS = 32;

type Ack = [version: number, lastMutationId: number];

function parse(acks: string): Ack[] {
  try {
    const value: unknown = JSON.parse(acks);
    return Array.isArray(value)
      ? value.filter((a): a is Ack => Array.isArray(a) && typeof a[0] === "number" && typeof a[1] === "number")
      : [];
  } catch {
    return [];
  }
}

/** The stored list with one more push, committed at `version` and processing ids up to `last`. */
export function withAck(acks: string, version: number, last: number): string {
  const list = parse(acks);
  const newest = list.at(-1);
  // Pushes that changed nothing keep the version: the newer id replaces the older at that version.
  if (newest && newest[0] === version) list.pop();
  list.push([version, last]);
  return JSON.stringify(list.slice(-KEPT_ACKS));
}

/**
 * The client's last mutation id whose effects lie at or before `version`, or null when unknown
 * (nothing processed yet, or older than the pushes remembered): then the page acknowledges nothing.
 */
export function ackAt(acks: string, version: number): number | null {
  let found: number | null = null;
  for (const [v, last] of parse(acks)) if (v <= version) found = last;
  return found;
}
