import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { isNewShortcut, isTypingTarget } from "./use-new-shortcut.ts";

const { document } = parseHTML(`<!doctype html><html><body>
  <input id="text"><input id="email" type="email"><input id="check" type="checkbox">
  <textarea id="area"></textarea><select id="pick"></select><div id="edit" contenteditable="true"></div>
  <button id="button">Go</button></body></html>`);
const el = (id: string) => document.getElementById(id);
const press = (target: EventTarget | null, extra: Partial<KeyboardEvent> = {}) => ({
  key: "n",
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  defaultPrevented: false,
  isComposing: false,
  target,
  ...extra,
});

describe("the n shortcut", () => {
  it("types into text fields, not into buttons or checkboxes", () => {
    for (const id of ["text", "email", "area", "pick", "edit"]) expect(isTypingTarget(el(id))).toBe(true);
    for (const id of ["check", "button"]) expect(isTypingTarget(el(id))).toBe(false);
    expect(isTypingTarget(document.body)).toBe(false);
  });

  it("opens New only for a bare n outside text fields and dialogs", () => {
    expect(isNewShortcut(press(document.body), document)).toBe(true);
    expect(isNewShortcut(press(el("button")), document)).toBe(true);
    expect(isNewShortcut(press(el("text")), document)).toBe(false);
    expect(isNewShortcut(press(document.body, { key: "N" }), document)).toBe(false);
    expect(isNewShortcut(press(document.body, { ctrlKey: true }), document)).toBe(false);
    expect(isNewShortcut(press(document.body, { metaKey: true }), document)).toBe(false);
    expect(isNewShortcut(press(document.body, { defaultPrevented: true }), document)).toBe(false);
    const dialog = document.createElement("dialog");
    dialog.setAttribute("open", "");
    document.body.appendChild(dialog);
    expect(isNewShortcut(press(document.body), document)).toBe(false);
    dialog.remove();
  });
});
