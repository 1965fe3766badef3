import type { CDPSession } from "playwright-core";
import type { Profile } from "./extension.ts";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

/**
 * A V8 CPU profile of the extension's service worker, through a page's CDP session attached to
 * the worker's target (Playwright opens CDP sessions on pages only). `stop` answers the functions
 * with the most self time, in ms, for a bench to print (BENCH_PROFILE=1).
 */
export async function profileWorker(profile: Profile): Promise<{ stop(top?: number): Promise<string[]> }> {
  const page = profile.context.pages()[0] ?? (await profile.context.newPage());
  const cdp: CDPSession = await profile.context.newCDPSession(page);
  const { targetInfos } = (await cdp.send("Target.getTargets")) as {
    targetInfos: Array<{ targetId: string; type: string; url: string }>;
  };
  const target = targetInfos.find((t) => t.type === "service_worker" && t.url.includes(profile.extensionId));
  if (!target) throw new Error("no service worker target");
  const { sessionId } = (await cdp.send("Target.attachToTarget", { targetId: target.targetId, flatten: false })) as {
    sessionId: string;
  };
  let next = 1;
  const waiting = new Map<number, (result: unknown) => void>();
  cdp.on("Target.receivedMessageFromTarget", (event: { sessionId: string; message: string }) => {
    if (event.sessionId !== sessionId) return;
    const message = JSON.parse(event.message) as { id?: number; result?: unknown; error?: unknown };
    if (message.id !== undefined) waiting.get(message.id)?.(message.result ?? message.error);
  });
  const send = (method: string, params: object = {}) =>
    new Promise<unknown>((resolve) => {
      const id = next++;
      waiting.set(id, resolve);
      void cdp.send("Target.sendMessageToTarget", { sessionId, message: JSON.stringify({ id, method, params }) });
    });
  await send("Profiler.enable");
  await send("Profiler.setSamplingInterval", { interval: 500 });
  await send("Profiler.start");
  return {
    async stop(top = 30) {
      const { profile: p } = (await send("Profiler.stop")) as {
        profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
      };
      const self = new Map<number, number>();
      p.samples.forEach((id, i) => void self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
      const byName = new Map<string, number>();
      for (const node of p.nodes) {
        const f = node.callFrame;
        const name = `${f.functionName || "(anonymous)"} ${f.url.split("/").pop()}:${f.lineNumber}`;
        byName.set(name, (byName.get(name) ?? 0) + (self.get(node.id) ?? 0));
      }
      const total = [...byName.values()].reduce((a, b) => a + b, 0);
      return [
        `total sampled ${(total / 1000).toFixed(0)} ms`,
        ...[...byName.entries()]
          .sort((a, b) => b[1] - a[1])
          .slice(0, top)
          .map(([name, us]) => `${(us / 1000).toFixed(0).padStart(7)} ms  ${name}`),
      ];
    },
  };
}
