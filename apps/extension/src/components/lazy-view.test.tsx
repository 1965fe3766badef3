import { parseHTML } from "linkedom";
import { render } from "preact";
import { act } from "preact/test-utils";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { lazyView } from "./lazy-view.tsx";

function Greeting({ name }: { name: string }) {
  return <p>Hello {name}</p>;
}

/** A loader the test resolves or rejects by hand, counting its calls. */
function loader() {
  const calls: Array<{ resolve: (view: typeof Greeting) => void; reject: (error: Error) => void }> = [];
  const load = () => new Promise<typeof Greeting>((resolve, reject) => calls.push({ resolve, reject }));
  return { load, calls };
}

let root: HTMLElement;
beforeEach(() => {
  const { document } = parseHTML("<!doctype html><html><body><div id=root></div></body></html>");
  Object.assign(globalThis, { document });
  root = document.getElementById("root") as unknown as HTMLElement;
});
afterEach(() => {
  render(null, root);
});

const show = async (node: preact.ComponentChild) => act(() => render(node, root));
const settle = () => act(async () => await new Promise((resolve) => setTimeout(resolve, 0)));

describe("a view loaded when first shown", () => {
  it("says it is loading until its code arrives, then shows it with its props; later showings load nothing", async () => {
    const { load, calls } = loader();
    const Lazy = lazyView(load, "greeting");
    await show(<Lazy name="Ada" />);
    expect(root.textContent).toBe("Loading greeting…");
    expect(root.querySelector("[aria-busy=true]")).not.toBeNull();
    calls[0]!.resolve(Greeting);
    await settle();
    expect(root.textContent).toBe("Hello Ada");

    await show(null);
    // Already loaded: shown in the same render, with no "Loading" flash and no second load.
    void act(() => render(<Lazy name="Grace" />, root));
    expect(root.textContent).toBe("Hello Grace");
    expect(calls).toHaveLength(1);
  });

  it("says plainly when its code cannot be loaded, and tries again when shown again", async () => {
    const { load, calls } = loader();
    const Lazy = lazyView(load, "greeting");
    await show(<Lazy name="Ada" />);
    calls[0]!.reject(new Error("net::ERR_FILE_NOT_FOUND"));
    await settle();
    expect(root.textContent).toBe("The greeting could not be loaded. Reload the page to try again.");

    await show(null);
    await show(<Lazy name="Ada" />);
    expect(calls).toHaveLength(2);
    calls[1]!.resolve(Greeting);
    await settle();
    expect(root.textContent).toBe("Hello Ada");
  });
});
