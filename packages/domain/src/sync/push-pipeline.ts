import type { PushResponse } from "./protocol.ts";
import type { OutboxMutation } from "./replica.ts";

/** Pushes on their way at once: the next one travels (and the server applies it) while an answer is stored. */
export const PUSHES_IN_FLIGHT = 2;

/** What a client gives `pushInOrder`: its outbox, its transport and where answers are kept. */
export interface PushIo {
  /** The oldest outbox entries after mutation `after`, as many as one push takes (empty when none). */
  next(after: number): Promise<OutboxMutation[]>;
  /** Sends one push; rejects on any refusal or failure. */
  send(batch: OutboxMutation[]): Promise<PushResponse>;
  /**
   * Whether a push was refused because the server expects earlier mutations first (409
   * `mutation_gap`): a push sent while the one before it travelled can reach the server first.
   */
  isGap(error: unknown): boolean;
  /** Stores an answer; runs while the next pushes travel, and one at a time, in order. */
  store(batch: OutboxMutation[], answer: PushResponse): Promise<void>;
  /** A push that failed for good: true if the client handled it (pushing stops), false to throw it. */
  failed?(batch: OutboxMutation[], error: unknown): Promise<boolean>;
}

/**
 * Pushes the outbox in id order with up to `inFlight` pushes on their way: the server takes a
 * client's ids only in sequence, but a push need not wait for the answer to the one before it. On a
 * loopback or LAN the round trip, the client's JSON work and the server's are then overlapped
 * instead of taken in turn, and pushes queued together at the server share one commit.
 *
 * Nothing changes in the protocol: each push is the same request, acknowledged after its commit.
 * Answers are taken in order; a push that overtook the one before it on the way (a gap, 409) is
 * sent again once that one is answered, which the server then applies or answers "duplicate".
 * A failed push ends the round: the pushes after it fail on the gap or apply (a later answer
 * acknowledges everything up to its `lastMutationId`), and the outbox keeps every entry not yet
 * acknowledged for the next round.
 */
export async function pushInOrder(io: PushIo, inFlight = PUSHES_IN_FLIGHT): Promise<void> {
  const flying: Array<{ batch: OutboxMutation[]; answer: Promise<PushResponse>; overtaking: boolean }> = [];
  /** The last mutation id sent or known processed: the next push starts after it. */
  let through = 0;
  const launch = (batch: OutboxMutation[], overtaking: boolean) => {
    const answer = io.send(batch);
    answer.catch(() => undefined);
    flying.push({ batch, answer, overtaking });
    through = batch.at(-1)!.id;
  };
  /** Sends more pushes while fewer than `inFlight` travel and the outbox has more. */
  const fill = async () => {
    while (flying.length < inFlight) {
      const batch = await io.next(through);
      if (!batch.length) return;
      launch(batch, flying.length > 0);
    }
  };
  let stored: Promise<void> = Promise.resolve();
  /**
   * After a failed push, the answers of the pushes sent after it: one that applied means the server
   * took the failed one too (its answer was lost on the way back), so it is stored, in order: its
   * rejections are reported and it acknowledges everything up to its `lastMutationId`.
   */
  const storeLaterAnswers = async () => {
    for (const { batch, answer } of flying.slice(1)) {
      const later = await answer.catch(() => null);
      if (!later || later.lastMutationId < batch.at(-1)!.id) continue;
      await stored;
      stored = io.store(batch, later);
      stored.catch(() => undefined);
    }
  };
  try {
    // The first push goes alone: what the server last took from this client is only known after it.
    const first = await io.next(0);
    if (!first.length) return;
    launch(first, false);
    while (flying.length) {
      const head = flying[0]!;
      // The previous answer is stored while this push travels; its failure ends the round.
      await stored;
      let answer: PushResponse;
      try {
        answer = await head.answer.catch((error: unknown) => {
          if (!head.overtaking || !io.isGap(error)) throw error;
          // Every push before it is answered now: this one goes again, in its turn.
          return io.send(head.batch);
        });
      } catch (error) {
        await storeLaterAnswers();
        if (await io.failed?.(head.batch, error)) return;
        throw error;
      }
      // A server that acknowledges nothing of a push would loop us forever; the next round retries.
      if (answer.lastMutationId < head.batch[0]!.id)
        throw new Error(`the server acknowledged none of mutations ${head.batch[0]!.id}…${head.batch.at(-1)!.id}`);
      flying.shift();
      // Mutations the server had taken already (an answer lost on an earlier round) are not sent again.
      through = Math.max(through, answer.lastMutationId);
      // The next pushes leave before the answer's store opens its transaction (an outbox read
      // would wait for it), so the server works on them while this client stores.
      try {
        await fill();
      } finally {
        // Stored even when reading the next batch failed: the answer's rejections are reported.
        stored = io.store(head.batch, answer);
        stored.catch(() => undefined);
      }
    }
  } finally {
    await stored;
  }
}
