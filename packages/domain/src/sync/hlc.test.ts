import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clampHlc, formatHlc, HLC_PATTERN, HLC_ZERO, HlcClock, MAX_CLOCK_SKEW_MS, parseHlc } from "./hlc.ts";

describe("hybrid logical clocks", () => {
  it("formats fixed-width parts, so string order is clock order", () => {
    expect(formatHlc({ wall: 1_700_000_000_000, counter: 7, node: "ab-1" })).toBe("001700000000000-00007-ab-1");
    expect(HLC_ZERO).toBe("000000000000000-00000-0");
    expect(formatHlc({ wall: 9, counter: 0, node: "z" }) < formatHlc({ wall: 10, counter: 0, node: "a" })).toBe(true);
    expect(formatHlc({ wall: 10, counter: 9, node: "z" }) < formatHlc({ wall: 10, counter: 10, node: "a" })).toBe(true);
  });

  it("parses what it formats, node ids with dashes included", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 999_999_999_999_999 }),
        fc.integer({ min: 0, max: 99_999 }),
        fc.stringMatching(/^[0-9a-z-]{1,64}$/),
        (wall, counter, node) => {
          const hlc = formatHlc({ wall, counter, node });
          expect(hlc).toMatch(HLC_PATTERN);
          expect(parseHlc(hlc)).toEqual({ wall, counter, node });
        },
      ),
    );
  });

  it("refuses malformed clocks", () => {
    for (const bad of [
      "",
      "1-2-3",
      "00170000000000-00007-a",
      "001700000000000-0007-a",
      "001700000000000-00007-",
      "001700000000000-00007-A",
      `001700000000000-00007-${"a".repeat(65)}`,
      "x001700000000000-00007-a",
    ]) {
      expect(() => parseHlc(bad), bad).toThrow(`malformed clock: ${bad}`);
    }
  });

  it("ticks forward with the wall clock, counting within one millisecond", () => {
    let now = 1000;
    const clock = new HlcClock("n1", () => now);
    expect(clock.tick()).toBe(formatHlc({ wall: 1000, counter: 0, node: "n1" }));
    expect(clock.tick()).toBe(formatHlc({ wall: 1000, counter: 1, node: "n1" }));
    now = 1001;
    expect(clock.tick()).toBe(formatHlc({ wall: 1001, counter: 0, node: "n1" }));
    // A wall clock that goes back does not move the clock back.
    now = 500;
    expect(clock.tick()).toBe(formatHlc({ wall: 1001, counter: 1, node: "n1" }));
    expect(clock.last).toBe(formatHlc({ wall: 1001, counter: 1, node: "n1" }));
  });

  it("resumes after the last clock it persisted, under its own node id", () => {
    const clock = new HlcClock("mine", () => 5, formatHlc({ wall: 9, counter: 3, node: "other" }));
    expect(clock.last).toBe(formatHlc({ wall: 9, counter: 3, node: "mine" }));
    expect(clock.tick()).toBe(formatHlc({ wall: 9, counter: 4, node: "mine" }));
  });

  it("moves past a received clock, and never back", () => {
    const clock = new HlcClock("me", () => 0);
    clock.receive(formatHlc({ wall: 50, counter: 2, node: "server" }));
    expect(clock.last).toBe(formatHlc({ wall: 50, counter: 2, node: "me" }));
    expect(clock.tick()).toBe(formatHlc({ wall: 50, counter: 3, node: "me" }));
    // Same wall, higher counter: moves; same wall, lower or equal counter, or older wall: stays.
    clock.receive(formatHlc({ wall: 50, counter: 9, node: "x" }));
    expect(clock.last).toBe(formatHlc({ wall: 50, counter: 9, node: "me" }));
    clock.receive(formatHlc({ wall: 50, counter: 9, node: "y" }));
    clock.receive(formatHlc({ wall: 50, counter: 4, node: "y" }));
    clock.receive(formatHlc({ wall: 49, counter: 99, node: "y" }));
    expect(clock.last).toBe(formatHlc({ wall: 50, counter: 9, node: "me" }));
    expect(() => clock.receive("nonsense")).toThrow("malformed clock");
  });

  it("orders every tick after everything issued or received", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.record({ wall: fc.integer({ min: 0, max: 100 }) }),
            fc.record({ remote: fc.integer({ min: 0, max: 100 }), counter: fc.integer({ min: 0, max: 5 }) }),
          ),
          { maxLength: 30 },
        ),
        (steps) => {
          let now = 0;
          const clock = new HlcClock("a", () => now);
          let latest = HLC_ZERO;
          for (const step of steps) {
            if ("wall" in step) {
              now = step.wall;
              const next = clock.tick();
              expect(next > latest).toBe(true);
              latest = next;
            } else {
              const remote = formatHlc({ wall: step.remote, counter: step.counter, node: "b" });
              clock.receive(remote);
              if (remote.slice(0, 21) > latest.slice(0, 21)) latest = remote;
            }
          }
        },
      ),
    );
  });

  it("pulls a client clock too far ahead back to server time, keeping counter and node", () => {
    const server = 1_700_000_000_000;
    const within = formatHlc({ wall: server + MAX_CLOCK_SKEW_MS, counter: 3, node: "c" });
    expect(clampHlc(within, server)).toBe(within);
    expect(clampHlc(formatHlc({ wall: server + MAX_CLOCK_SKEW_MS + 1, counter: 3, node: "c" }), server)).toBe(
      formatHlc({ wall: server, counter: 3, node: "c" }),
    );
    const behind = formatHlc({ wall: server - 5, counter: 0, node: "c" });
    expect(clampHlc(behind, server)).toBe(behind);
    expect(MAX_CLOCK_SKEW_MS).toBe(60_000);
  });
});
