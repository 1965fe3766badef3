import { createClient } from "@libsql/client";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { storableJson } from "./json.ts";

describe("storableJson", () => {
  it("gives SQLite's ->> text it can store and libSQL can read back: a lone surrogate becomes U+FFFD", async () => {
    const client = createClient({ url: `file:${join(mkdtempSync(join(tmpdir(), "leadpane-json-")), "t.db")}` });
    await client.execute("CREATE TABLE t (v TEXT)");
    await client.execute({
      sql: "INSERT INTO t SELECT value ->> 0 FROM json_each(?)",
      args: [storableJson([["a\ud800b"], ["pair 😀 kept"], ["\udc00"]])],
    });
    // With JSON.stringify the first row is stored as bytes that are not UTF-8, and reading it aborts the process.
    const rows = (await client.execute("SELECT v FROM t")).rows.map((r) => r.v);
    expect(rows).toEqual(["a\ufffdb", "pair 😀 kept", "\ufffd"]);
    client.close();
  });

  it("is JSON.stringify's text when no string holds a lone surrogate, even one that spells an escape out", () => {
    const value = [["typed \\ud800 as text", "😀", 'quote " and \\'], { n: 1, nested: ["\u00e9"] }];
    expect(storableJson(value)).toBe(JSON.stringify(value));
    expect(JSON.parse(storableJson(value))).toEqual(value);
    // Each half alone, with nothing else in the value to send it down the careful path.
    expect(storableJson(["x\udc00"])).toBe('["x\ufffd"]');
    expect(storableJson({ k: "\udbff" })).toBe('{"k":"\ufffd"}');
  });
});
