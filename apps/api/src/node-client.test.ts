import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { http, startTestServer, type TestServer } from "./testing/server.ts";
import { createTeam, UNLIMITED } from "./testing/team.ts";

const run = promisify(execFile);
const example = fileURLToPath(new URL("../examples/leads.mjs", import.meta.url));
const readme = fileURLToPath(new URL("../../../README.md", import.meta.url));

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(UNLIMITED);
});
afterAll(async () => server.close());

describe("the typed client from a plain Node program", () => {
  it("README's example is examples/leads.mjs, word for word", () => {
    const code = readFileSync(example, "utf8").trim();
    expect(readFileSync(readme, "utf8")).toContain(`\`\`\`js\n${code}\n\`\`\``);
  });

  it("lists leads and creates one with an API key, run by plain `node` against a real server", async () => {
    const team = await createTeam(server.url);
    const owner = http(server.url, team.members.owner.token);
    await owner("POST", "/v1/leads", { name: "Grace Hopper", emails: ["grace@navy.example"] });
    const key = (await owner("POST", "/v1/api-keys", { name: "Example script", scope: "write" })).body.key;

    const { stdout } = await run(process.execPath, [example], {
      env: { ...process.env, LEADPANE_URL: server.url, LEADPANE_API_KEY: key },
      timeout: 120_000,
    });
    const created = (await owner("GET", "/v1/leads")).body.items.find(
      (l: { name: string }) => l.name === "Ada Lovelace",
    );
    expect(created).toMatchObject({ emails: ["ada@analytical.example"], companyName: "Analytical Engines Ltd" });
    expect(stdout).toBe(`Grace Hopper <grace@navy.example>\nCreated Ada Lovelace (${created.id})\n`);
  }, 180_000);

  it("fails plainly with a read-only key, creating nothing", async () => {
    const team = await createTeam(server.url);
    const owner = http(server.url, team.members.owner.token);
    const key = (await owner("POST", "/v1/api-keys", { name: "Reader", scope: "read" })).body.key;
    const failure = await run(process.execPath, [example], {
      env: { ...process.env, LEADPANE_URL: server.url, LEADPANE_API_KEY: key },
      timeout: 120_000,
    }).catch((error: { stderr: string }) => error);
    expect(String((failure as { stderr?: string }).stderr)).toContain("Creating the lead failed: 403");
    expect((await owner("GET", "/v1/leads")).body.items).toEqual([]);
  }, 180_000);
});
