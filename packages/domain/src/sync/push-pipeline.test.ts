import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { PushResponse } from "./protocol.ts";
import { pushInOrder, type PushIo } from "./push-pipeline.ts";
import type { OutboxMutation } from "./replica.ts";

const BATCH = 3;

const mutation = (id: number): OutboxMutation => ({
  id,
  name: "create",
  args: {},
  hlc: "000001700000000-00000-client",
  createdAt: "2026-01-02T03:04:05.000Z",
});

class GapError extends Error {}
class LostError extends Error {}

/**
 * A server as the protocol defines it (api sync/push.ts): a client's mutations apply in id order,
 * exactly once; a push whose first new id is not the next one is refused whole (409 gap); one it
 * already took is "duplicate". `applied` is its log of applied ids.
 */
class FakeServer {
  last = 0;
  applied: number[] = [];

  /** `rejects`: the mutations it processes but refuses (a domain rule), reported "rejected". */
  constructor(readonly rejects: (id: number) => boolean = () => false) {}

  take(batch: OutboxMutation[]): PushResponse {
    const fresh = batch.filter((m) => m.id > this.last);
    if (fresh.length && fresh[0]!.id !== this.last + 1) throw new GapError(`expected ${this.last + 1}`);
    const results = batch.map((m): PushResponse["results"][number] =>
      m.id <= this.last
        ? { id: m.id, status: "duplicate" }
        : this.rejects(m.id)
          ? { id: m.id, status: "rejected", error: { code: "invalid", message: "refused" } }
          : { id: m.id, status: "applied" },
    );
    for (const m of fresh) this.applied.push(m.id);
    if (fresh.length) this.last = fresh.at(-1)!.id;
    return { lastMutationId: this.last, results };
  }
}

/** A client's outbox and the io `pushInOrder` gets, over `deliver` (when and whether a push reaches the server). */
function client(
  server: FakeServer,
  total: number,
  deliver: (batch: OutboxMutation[], take: () => PushResponse) => Promise<PushResponse>,
) {
  const state = {
    outbox: Array.from({ length: total }, (_, i) => mutation(i + 1)),
    /** Ids dropped from the outbox because an answer acknowledged them. */
    acknowledged: [] as number[],
    stores: [] as number[],
    /** Ids of the rejections in the answers stored (what the client reports). */
    reported: [] as number[],
    sends: 0,
  };
  const io: PushIo = {
    next: async (after) => state.outbox.filter((m) => m.id > after).slice(0, BATCH),
    send: (batch) => {
      state.sends++;
      return deliver(batch, () => server.take(batch));
    },
    isGap: (error) => error instanceof GapError,
    store: async (_batch, answer) => {
      state.stores.push(answer.lastMutationId);
      state.reported.push(...answer.results.filter((r) => r.status === "rejected").map((r) => r.id));
      const dropped = state.outbox.filter((m) => m.id <= answer.lastMutationId);
      state.acknowledged.push(...dropped.map((m) => m.id));
      state.outbox = state.outbox.filter((m) => m.id > answer.lastMutationId);
    },
  };
  return { state, io };
}

describe("pushInOrder", () => {
  it("keeps two pushes on their way and stores the answers in order", async () => {
    const server = new FakeServer();
    let travelling = 0;
    let most = 0;
    const { state, io } = client(server, 10, async (_batch, take) => {
      travelling++;
      most = Math.max(most, travelling);
      await new Promise((resolve) => setTimeout(resolve, 1));
      travelling--;
      return take();
    });
    await pushInOrder(io);
    expect(most).toBe(2);
    expect(server.applied).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(state.stores).toEqual([3, 6, 9, 10]);
    expect(state.outbox).toEqual([]);
    expect(state.sends).toBe(4);
  });

  it("sends a push that overtook the one before it again once that one is answered", async () => {
    const server = new FakeServer();
    const order: number[] = [];
    // After the first push (alone), the third reaches the server before the second: refused on the
    // gap, then sent again.
    const { state, io } = client(server, 9, async (batch, take) => {
      if (batch[0]!.id === 4) await new Promise((resolve) => setTimeout(resolve, 5));
      order.push(batch[0]!.id);
      return take();
    });
    await pushInOrder(io);
    expect(order).toEqual([1, 7, 4, 7]);
    expect(server.applied).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(state.outbox).toEqual([]);
  });

  it("ends the round on a failed push; nothing after it is acknowledged that the server did not take", async () => {
    const server = new FakeServer();
    const { state, io } = client(server, 9, async (batch, take) => {
      if (batch[0]!.id === 4) throw new LostError("offline");
      return take();
    });
    await expect(pushInOrder(io)).rejects.toBeInstanceOf(LostError);
    expect(server.applied).toEqual([1, 2, 3]);
    expect(state.outbox.map((m) => m.id)).toEqual([4, 5, 6, 7, 8, 9]);
  });

  it("stores a later push's answer when the push before it failed after the server took it: its rejections still reach the client", async () => {
    const server = new FakeServer();
    const stored: PushResponse[] = [];
    // The second push's answer is lost on the way back (the server took it); the third, sent while
    // it travelled, reaches the server after it and is answered with a rejection.
    const { state, io } = client(server, 9, async (batch, take) => {
      const answer = take();
      if (batch[0]!.id === 4) throw new LostError("lost on the way back");
      if (batch[0]!.id === 7)
        return {
          ...answer,
          results: [
            { id: 7, status: "rejected", error: { code: "invalid", message: "no" } },
            ...answer.results.slice(1),
          ],
        };
      return answer;
    });
    const storeAnswer = io.store;
    io.store = async (batch, answer) => {
      stored.push(answer);
      await storeAnswer(batch, answer);
    };
    await expect(pushInOrder(io)).rejects.toBeInstanceOf(LostError);
    expect(server.applied).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(stored.flatMap((answer) => answer.results.filter((r) => r.status === "rejected").map((r) => r.id))).toEqual([
      7,
    ]);
    // Its answer acknowledges everything up to it, the failed push's mutations too (the server took them).
    expect(state.outbox).toEqual([]);
  });

  it("stores an answer that arrived even when reading the next batch from the outbox fails", async () => {
    const server = new FakeServer((id) => id === 2);
    const { state, io } = client(server, 6, async (_batch, take) => take());
    const next = io.next;
    io.next = async (after) => {
      if (after > 0) throw new Error("the outbox could not be read");
      return next(after);
    };
    await expect(pushInOrder(io)).rejects.toThrow("the outbox could not be read");
    expect(state.reported).toEqual([2]);
    expect(state.outbox.map((m) => m.id)).toEqual([4, 5, 6]);
  });

  it("property: whatever the order pushes arrive in and whichever are lost, rounds until the outbox is empty apply every mutation exactly once, in order, acknowledge only what the server took, and report every rejection whose answer arrived", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        fc.integer({ min: 1, max: 14 }),
        // Per send: lost on the way there (never applied), lost on the way back (applied, answer lost), or delivered.
        fc.array(fc.constantFrom("there", "back", "ok", "ok", "ok"), { maxLength: 40 }),
        async (s, total, fates) => {
          const server = new FakeServer((id) => id % 4 === 0);
          let sent = 0;
          /** Rejections in answers that reached the client: each must be reported. */
          const delivered: number[] = [];
          const { state, io } = client(server, total, async (batch, take) => {
            const fate = fates[sent++] ?? "ok";
            await s.schedule(Promise.resolve(), `push ${batch[0]!.id}…${batch.at(-1)!.id}`);
            if (fate === "there") throw new LostError("lost on the way there");
            const answer = take();
            if (fate === "back") throw new LostError("lost on the way back");
            delivered.push(...answer.results.filter((r) => r.status === "rejected").map((r) => r.id));
            return answer;
          });
          for (let round = 0; state.outbox.length && round < 60; round++) {
            await s.waitFor(pushInOrder(io).catch((error: unknown) => expect(error).toBeInstanceOf(LostError)));
            for (const id of state.acknowledged) expect(server.applied).toContain(id);
          }
          expect(state.outbox).toEqual([]);
          expect(server.applied).toEqual(Array.from({ length: total }, (_, i) => i + 1));
          // Answers are stored in order: an acknowledgement never moves back.
          expect(state.stores).toEqual([...state.stores].sort((a, b) => a - b));
          // A rejection is reported once if its answer reached the client (a lost answer loses its own).
          expect(state.reported).toEqual(delivered);
        },
      ),
      { numRuns: 200 },
    );
  });
});
