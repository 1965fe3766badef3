import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { CaptureResultSchema } from "@leadpane/domain/extract";
import { describe, expect, it } from "vitest";
import { parseArgs } from "./main.ts";

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const bin = join(here, "..", "bin", "leadpane.mjs");
const fixtures = join(here, "..", "..", "domain", "src", "extract", "__fixtures__");

async function leadpane(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("parseArgs", () => {
  it("reads the file, --url and --region", () => {
    expect(parseArgs(["extract", "a.html", "--url", "https://acme.com/", "--region=gb"])).toEqual({
      file: "a.html",
      url: "https://acme.com/",
      region: "GB",
    });
  });
  it("rejects bad input", () => {
    expect(() => parseArgs([])).toThrow(/usage/);
    expect(() => parseArgs(["extract", "a.html", "--url", "acme.com"])).toThrow(/absolute/);
    expect(() => parseArgs(["extract", "a.html", "--bogus"])).toThrow(/unknown option/);
  });
});

describe("leadpane extract (the real command)", { timeout: 60_000 }, () => {
  it("prints the contract JSON for a saved page", async () => {
    const { code, stdout } = await leadpane(
      "extract",
      join(fixtures, "team-page.html"),
      "--url",
      "https://www.brightwater.co.uk/about/team/",
    );
    expect(code).toBe(0);
    const result = CaptureResultSchema.parse(JSON.parse(stdout));
    expect(result.people).toHaveLength(7);
    expect(result.companies[0]?.domain).toBe("brightwater.co.uk");
  });

  it("prints the sender of an .eml with their signature", async () => {
    const { code, stdout } = await leadpane("extract", join(fixtures, "reply-with-signature.eml"));
    expect(code).toBe(0);
    const result = CaptureResultSchema.parse(JSON.parse(stdout));
    expect(result.email?.from.address).toBe("m.kowalski@tessera-bio.com");
    expect(result.people[0]).toMatchObject({ name: "Michał Kowalski", title: "Head of Business Development" });
  });

  it("uses --region for numbers without a country code", async () => {
    const dir = mkdtempSync(join(tmpdir(), "leadpane-"));
    const page = join(dir, "p.html");
    writeFileSync(page, "<p><strong>Jane Doe</strong><br>Tel: 020 7946 0958</p>");
    const { stdout } = await leadpane("extract", page, "--region", "GB");
    expect(JSON.parse(stdout).people[0].phones).toEqual(["+442079460958"]);
  });

  it("fails with a message when the file cannot be read or parsed", async () => {
    const missing = await leadpane("extract", "/no/such/file.html");
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/cannot read/);
    const dir = mkdtempSync(join(tmpdir(), "leadpane-"));
    const junk = join(dir, "x.eml");
    writeFileSync(junk, "");
    const bad = await leadpane("extract", junk);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/cannot parse/);
    const usage = await leadpane();
    expect(usage.code).not.toBe(0);
    expect(usage.stderr).toMatch(/usage/);
  }, 60_000);
});
