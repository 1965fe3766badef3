import { DOMParser } from "linkedom";

/**
 * Parse HTML (a full page or a fragment) into a Document with linkedom, the same shape the browser
 * gives the extractor.
 */
export function parseHtmlDocument(html: string): Document {
  // linkedom makes a fragment's first element the document element; wrapping keeps <body> where pages expect it.
  const full = /<html[\s>]/i.test(html) ? html : `<!doctype html><html><head></head><body>${html}</body></html>`;
  return new DOMParser().parseFromString(full, "text/html") as unknown as Document;
}
