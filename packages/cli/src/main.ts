import { readFile } from "node:fs/promises";
import { extname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { extractEmail, extractPage, parseEml, type CaptureResult, type RawMessage } from "@leadpane/domain/extract";
import { parseHtmlDocument } from "./html.ts";

const USAGE = "usage: leadpane extract <file.html|file.eml> [--url <address>] [--region XX]";

/** A failure the command reports on stderr with a non-zero exit, without a stack trace. */
class CliError extends Error {}

interface ExtractArgs {
  file: string;
  url: string | null;
  region: string | null;
}

/** Parse `extract <file> [--url …] [--region …]`. */
export function parseArgs(argv: readonly string[]): ExtractArgs {
  const [command, ...rest] = argv;
  if (command !== "extract") throw new CliError(USAGE);
  let file: string | null = null;
  let url: string | null = null;
  let region: string | null = null;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === "--url") url = rest[++i] ?? null;
    else if (arg.startsWith("--url=")) url = arg.slice(6);
    else if (arg === "--region") region = rest[++i] ?? null;
    else if (arg.startsWith("--region=")) region = arg.slice(9);
    else if (arg.startsWith("--")) throw new CliError(`unknown option ${arg}\n${USAGE}`);
    else if (file === null) file = arg;
    else throw new CliError(`unexpected argument ${arg}\n${USAGE}`);
  }
  if (!file) throw new CliError(USAGE);
  if (url !== null) {
    try {
      new URL(url);
    } catch {
      throw new CliError(`--url is not an absolute address: ${url}`);
    }
  }
  if (region !== null && !/^[A-Za-z]{2}$/.test(region))
    throw new CliError(`--region must be a two-letter country code: ${region}`);
  return { file, url, region: region?.toUpperCase() ?? null };
}

/** Run the extractor over a saved page or message file: the contract's JSON. */
async function extractFile(args: ExtractArgs): Promise<CaptureResult> {
  const path = resolve(args.file);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new CliError(
      `cannot read ${args.file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  const options = { defaultRegion: args.region ?? "US" };
  const looksLikeEml =
    extname(path).toLowerCase() === ".eml" ||
    (extname(path) === "" &&
      /^[\w-]+:\s/m.test(bytes.subarray(0, 512).toString("latin1")) &&
      !/<html|<!doctype/i.test(bytes.subarray(0, 512).toString("latin1")));
  if (looksLikeEml) {
    let message: RawMessage;
    try {
      message = await parseEml(new Uint8Array(bytes));
    } catch (error) {
      throw new CliError(`cannot parse ${args.file} as an email: ${(error as Error).message}`);
    }
    return extractEmail(message, { ...options, parseHtml: parseHtmlDocument });
  }
  const html = bytes.toString("utf8");
  if (!/<[a-z!]/i.test(html)) throw new CliError(`cannot parse ${args.file}: not HTML or an .eml message`);
  return extractPage(parseHtmlDocument(html), args.url ?? pathToFileURL(path).href, options);
}

/** The `leadpane` command: prints the capture JSON and returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    const result = await extractFile(parseArgs(argv));
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(
      `leadpane: ${error instanceof CliError ? error.message : ((error as Error).stack ?? String(error))}\n`,
    );
    return error instanceof CliError ? 2 : 1;
  }
}
