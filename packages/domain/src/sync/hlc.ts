/**
 * Hybrid logical clocks: `<wall ms, 15 digits>-<counter, 5 digits>-<node>`, ordered as strings.
 * Wall time keeps clocks close to real time; the counter orders events within one millisecond;
 * the node id breaks ties deterministically between clients.
 */
export type Hlc = string;

/** Pattern every clock matches. */
export const HLC_PATTERN = /^\d{15}-\d{5}-[0-9a-z-]{1,64}$/;

/** How far ahead of server time a client's clock may be before the server clamps it. */
export const MAX_CLOCK_SKEW_MS = 60_000;

/** The parts of a clock. */
export interface HlcParts {
  wall: number;
  counter: number;
  node: string;
}

/** Builds a clock string. */
export function formatHlc({ wall, counter, node }: HlcParts): Hlc {
  return `${String(wall).padStart(15, "0")}-${String(counter).padStart(5, "0")}-${node}`;
}

/** Splits a clock string; throws on a malformed one. */
export function parseHlc(hlc: Hlc): HlcParts {
  if (!HLC_PATTERN.test(hlc)) throw new Error(`malformed clock: ${hlc}`);
  const [wall, counter] = hlc.split("-", 2) as [string, string];
  return { wall: Number(wall), counter: Number(counter), node: hlc.slice(22) };
}

/** The zero clock: older than every real one. */
export const HLC_ZERO: Hlc = formatHlc({ wall: 0, counter: 0, node: "0" });

/** A clock source for one node: `tick()` for local events, `receive()` for clocks seen from others. */
export class HlcClock {
  #last: HlcParts;
  readonly #now: () => number;

  constructor(node: string, now: () => number = Date.now, last: Hlc = HLC_ZERO) {
    this.#now = now;
    this.#last = { ...parseHlc(last), node };
  }

  /** A new clock, later than every clock this node has issued or received. */
  tick(): Hlc {
    const wall = Math.max(this.#now(), this.#last.wall);
    const counter = wall === this.#last.wall ? this.#last.counter + 1 : 0;
    this.#last = { wall, counter, node: this.#last.node };
    return formatHlc(this.#last);
  }

  /** Moves this node's clock past a clock seen from elsewhere (e.g. the server's). */
  receive(remote: Hlc): void {
    const parts = parseHlc(remote);
    if (parts.wall > this.#last.wall || (parts.wall === this.#last.wall && parts.counter > this.#last.counter)) {
      this.#last = { wall: parts.wall, counter: parts.counter, node: this.#last.node };
    }
  }

  /** The last clock issued or received, for persisting across restarts. */
  get last(): Hlc {
    return formatHlc(this.#last);
  }
}

/**
 * A client clock as the server accepts it: a clock more than MAX_CLOCK_SKEW_MS ahead of server time
 * is pulled back to server time, so a client whose clock runs hours ahead cannot win every field.
 */
export function clampHlc(hlc: Hlc, serverNowMs: number): Hlc {
  const parts = parseHlc(hlc);
  if (parts.wall <= serverNowMs + MAX_CLOCK_SKEW_MS) return hlc;
  return formatHlc({ wall: serverNowMs, counter: parts.counter, node: parts.node });
}
