/// <reference lib="webworker" />
import { parseVcards, VCARD_HEADERS, vcardRows } from "@leadpane/domain/import";
import Papa from "papaparse";
import type { ParseReply, ParseRequest } from "./parse-messages.ts";

// Reads an import file off the page's main thread: CSV streamed by papaparse in chunks (progress
// after each), vCards through the domain's parser. Answers the header row and the data rows.

const scope = self as unknown as DedicatedWorkerGlobalScope;
const reply = (message: ParseReply) => scope.postMessage(message);

scope.onmessage = (event: MessageEvent<ParseRequest>) => {
  const { file, format } = event.data;
  if (format === "vcard") {
    file.text().then(
      (text) => {
        const { cards, errors } = parseVcards(text);
        reply({
          type: "done",
          headers: VCARD_HEADERS,
          rows: vcardRows(cards),
          problems: errors.map((e) => `Card ${e.card}: ${e.message}.`),
        });
      },
      () => reply({ type: "failed", message: "The file could not be read." }),
    );
    return;
  }
  const rows: string[][] = [];
  const problems: string[] = [];
  let headers: string[] | null = null;
  Papa.parse<string[]>(file, {
    skipEmptyLines: "greedy",
    chunkSize: 256 * 1024,
    chunk(results) {
      for (const row of results.data) {
        if (!headers) headers = row.map((cell, i) => (i === 0 ? cell.replace(/^\ufeff/, "") : cell));
        else rows.push(row);
      }
      for (const error of results.errors)
        if (error.type === "Quotes") problems.push(`Near row ${rows.length + 1}: a quoted value is not closed.`);
      reply({ type: "progress", rows: rows.length });
    },
    complete() {
      reply({ type: "done", headers: headers ?? [], rows, problems });
    },
    error() {
      reply({ type: "failed", message: "The file could not be read as CSV." });
    },
  });
};
