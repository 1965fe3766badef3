import type { ParseReply } from "./parse-messages.ts";

/** A file read into its header row and data rows, with what could not be read. */
export interface ParsedFile {
  headers: string[];
  rows: string[][];
  problems: string[];
  format: "csv" | "vcard";
}

/** The format a file name says: vCard for .vcf/.vcard, else CSV. */
export function formatOf(name: string): "csv" | "vcard" {
  return /\.(vcf|vcard)$/i.test(name) ? "vcard" : "csv";
}

/** Reads a file in a module worker (papaparse streaming for CSV), reporting rows read as it goes. */
export function parseFile(file: File, onProgress: (rows: number) => void, signal?: AbortSignal): Promise<ParsedFile> {
  const format = formatOf(file.name);
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./parse-worker.ts", import.meta.url), { type: "module" });
    const stop = () => worker.terminate();
    signal?.addEventListener("abort", () => {
      stop();
      reject(new DOMException("Aborted", "AbortError"));
    });
    worker.onmessage = (event: MessageEvent<ParseReply>) => {
      const message = event.data;
      if (message.type === "progress") onProgress(message.rows);
      else {
        stop();
        if (message.type === "done") resolve({ ...message, format });
        else reject(new Error(message.message));
      }
    };
    worker.onerror = () => {
      stop();
      reject(new Error("The file could not be read."));
    };
    worker.postMessage({ file, format });
  });
}
