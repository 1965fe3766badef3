import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { propertyRuns } from "../property-runs.ts";
import { html } from "./__fixtures__/load.ts";
import { blockText, collapseRuns, descendants, textLines } from "./dom.ts";

// Markup as pages write it: blocks, inline runs, line breaks, hidden parts, whitespace of every kind.
const words = fc.constantFrom(
  "Jane Doe",
  "CTO",
  "jane@acme.com",
  " | ",
  "  ",
  "\n  ",
  "\t",
  "\u00a0",
  "Acme\u200bCorp",
  ",",
);
const tags = fc.constantFrom(
  "div",
  "p",
  "span",
  "a",
  "b",
  "li",
  "ul",
  "td",
  "tr",
  "table",
  "br",
  "h3",
  "pre",
  "script",
  "img",
);
const node: fc.Arbitrary<string> = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    words,
    fc
      .tuple(tags, fc.boolean(), fc.array(tie("node"), { maxLength: 4 }))
      .map(([tag, hidden, children]) =>
        tag === "br" || tag === "img" ? `<${tag}>` : `<${tag}${hidden ? " hidden" : ""}>${children.join("")}</${tag}>`,
      ),
  ),
})).node;

/**
 * The line-reading walk as it was first written (a stack of child lists): the reference the sibling walk
 * must read the same as, text for text.
 */
function referenceBlockText(root: Node): string {
  const BLOCKS = new Set(
    "address article aside blockquote br dd div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody td th thead tr ul body html caption summary details".split(
      " ",
    ),
  );
  const SKIPPED = new Set("script style noscript template svg head iframe object canvas select button".split(" "));
  const tag = (el: Element) => el.localName ?? el.tagName.toLowerCase();
  const hidden = (el: Element) =>
    SKIPPED.has(tag(el)) ||
    el.hasAttribute("hidden") ||
    /display\s*:\s*none|visibility\s*:\s*hidden/i.test(el.getAttribute("style") ?? "");
  const glued = (el: Element) => {
    for (let prev = el.previousSibling; prev; prev = prev.previousSibling) {
      if (prev.nodeType === 8) continue;
      return prev.nodeType === 1;
    }
    return false;
  };
  const fieldRow = (el: Element) => {
    const parent = el.parentElement;
    if (!parent || parent.childElementCount < 3) return false;
    for (let child = parent.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3 && /\S/.test(child.nodeValue ?? "")) return false;
      if (child.nodeType === 1 && /^[\s|·•/,;–—-]*$/.test(child.textContent ?? "")) {
        if ((child as Element).firstElementChild || ["img", "svg", "i", "br", "input"].includes(tag(child as Element)))
          continue;
        return false;
      }
    }
    return true;
  };
  let out = "";
  const boundary = () => {
    out = out.replace(/ +$/, "");
    if (out.length > 0 && !out.endsWith("\n")) out += "\n";
  };
  const stack: Array<Node | "end"> = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n === "end") {
      boundary();
      continue;
    }
    if (n.nodeType === 3) {
      let value = (n.nodeValue ?? "").replace(/[ \t\r\n\f]+/g, " ");
      if (out.length === 0 || out.endsWith("\n")) value = value.trimStart();
      out += value;
      continue;
    }
    if (n.nodeType !== 1 && n.nodeType !== 9 && n.nodeType !== 11) continue;
    if (n.nodeType === 1) {
      const el = n as Element;
      if (n !== root && hidden(el)) continue;
      if (n !== root && out.length > 0 && !/\s$/.test(out) && glued(el)) out += fieldRow(el) ? "\n" : " ";
      const name = tag(el);
      if (name === "pre") {
        boundary();
        out += el.textContent ?? "";
        boundary();
        continue;
      }
      if (name === "br") {
        out += "\n";
        continue;
      }
      if (name === "img") continue;
      if (BLOCKS.has(name)) {
        boundary();
        if (["p", "blockquote", "table", "hr"].includes(name) && out.length > 0 && !out.endsWith("\n\n")) out += "\n";
        stack.push("end");
      }
    }
    for (let i = n.childNodes.length - 1; i >= 0; i--) stack.push(n.childNodes[i]!);
  }
  return out;
}

describe("blockText", () => {
  it("reads every page as the first, stack-of-child-lists walk read it", () => {
    fc.assert(
      fc.property(fc.array(node, { minLength: 1, maxLength: 5 }), (parts) => {
        const doc = html(`<div id="root">${parts.join("")}</div>`);
        expect(blockText(doc.body)).toBe(referenceBlockText(doc.body));
        const root = doc.getElementById("root")!;
        expect(blockText(root)).toBe(referenceBlockText(root));
      }),
      { numRuns: propertyRuns(400) },
    );
  });
});

describe("textLines", () => {
  it("reads an element holding no element as the walk's lines of it", () => {
    // Text, whitespace of every kind and comments inside one element of any tag (a `pre`, a `br`, a hidden one).
    const piece = fc.oneof(words, fc.constantFrom("<!-- note -->", " ", "\u3000", "\ufeff", "\r\n", "\f"));
    fc.assert(
      fc.property(tags, fc.boolean(), fc.array(piece, { maxLength: 5 }), (tag, hidden, pieces) => {
        const doc = html(`<div><${tag} id="leaf"${hidden ? " hidden" : ""}>${pieces.join("")}</${tag}></div>`);
        const leaf = doc.getElementById("leaf") ?? doc.querySelector("div")!;
        const walked = referenceBlockText(leaf)
          .split("\n")
          .map((line) => line.replace(/[\s\u00a0\u200b]+/g, " ").trim())
          .filter(Boolean);
        expect(textLines(leaf)).toEqual(walked);
      }),
      { numRuns: propertyRuns(600) },
    );
  });
});

describe("descendants", () => {
  it("lists every element inside a root in document order, as a walker over elements does", () => {
    fc.assert(
      fc.property(fc.array(node, { minLength: 1, maxLength: 5 }), (parts) => {
        const doc = html(`<div id="root">${parts.join("")}</div><p>after</p>`);
        for (const root of [doc.getElementById("root")!, doc.body]) {
          const walked: Element[] = [];
          const walker = doc.createTreeWalker(root, 1);
          for (let n = walker.nextNode(); n; n = walker.nextNode()) walked.push(n as Element);
          // The same elements, by identity (equality of DOM nodes would compare their markup).
          const listed = descendants(root);
          expect(listed.length).toBe(walked.length);
          expect(listed.every((el, i) => el === walked[i])).toBe(true);
        }
      }),
      { numRuns: propertyRuns(300) },
    );
  });
});

describe("collapseRuns", () => {
  it("collapses exactly as the replacement of every whitespace run does", () => {
    const text = fc
      .array(fc.constantFrom("a", "B", " ", "  ", "\t", "\n", "\u00a0", "\u200b", "\u3000", "\u2009", ".", "é"), {
        maxLength: 12,
      })
      .map((p) => p.join(""));
    fc.assert(
      fc.property(text, (value) => {
        expect(collapseRuns(value)).toBe(value.replace(/[\s\u00a0\u200b]+/g, " "));
      }),
      { numRuns: propertyRuns(1000) },
    );
  });
  it("reads zero-width spaces between two words as one space", () => {
    const doc = html("<p>Jane\u200b\u200bDoe</p><p>CTO</p>");
    expect(textLines(doc.body)).toEqual(["Jane Doe", "CTO"]);
  });
});
