// Shared helpers of the mail-site readers; DOM only, no parsers, so content scripts stay small.
import type { Mailbox } from "./message.ts";

/** The first element any selector of a list matches (newest markup first). */
export function queryFirst(root: ParentNode, selectors: readonly string[]): Element | null {
  for (const selector of selectors) {
    const el = root.querySelector(selector);
    if (el) return el;
  }
  return null;
}

/** All elements the first matching selector of a list finds. */
export function queryAllFirst(root: ParentNode, selectors: readonly string[]): Element[] {
  for (const selector of selectors) {
    const found = [...root.querySelectorAll(selector)];
    if (found.length > 0) return found;
  }
  return [];
}

const ADDRESS = /[^\s<>()"',;:]+@[^\s<>()"',;:]+\.[a-z]{2,}/i;

/** A mailbox from text such as `Jane Doe <jane@acme.com>` or `jane@acme.com`; null without an address. */
export function mailboxFromText(text: string | null | undefined): Mailbox | null {
  const value = (text ?? "").replace(/\s+/g, " ").trim();
  const address = value.match(ADDRESS)?.[0];
  if (!address) return null;
  const name = value
    .replace(address, "")
    .replace(/[<>()"]/g, "")
    .replace(/^\s*(from|to|cc)\s*:\s*/i, "")
    .trim();
  return { name: name || null, address: address.toLowerCase() };
}

/** Collapsed text of an element, or null. */
export function text(el: Element | null | undefined): string | null {
  const value = (el?.textContent ?? "").replace(/\s+/g, " ").trim();
  return value || null;
}
