import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ERASED, scrubEmails } from "./scrub.ts";

describe("scrubEmails", () => {
  it("drops exact set members and keys, replaces mentions in text, keeps the rest", () => {
    const input = {
      emails: ["Jane@Acme.test", "info@acme.test"],
      body: "Reply to jane@acme.test or JANE@ACME.TEST",
      meta: { sets: { emails: { "jane@acme.test": ["h1"], "info@acme.test": ["h2"] } } },
      count: 3,
      nested: [{ to: ["jane@acme.test"] }],
    };
    const { value, changed } = scrubEmails(input, ["jane@acme.test"]);
    expect(changed).toBe(true);
    expect(value).toEqual({
      emails: ["info@acme.test"],
      body: `Reply to ${ERASED} or ${ERASED}`,
      meta: { sets: { emails: { "info@acme.test": ["h2"] } } },
      count: 3,
      nested: [{ to: [] }],
    });
    expect(input.emails).toHaveLength(2);
  });

  it("treats regex characters in addresses literally", () => {
    expect(scrubEmails({ a: "x+y@a.test xay@a.test" }, ["x+y@a.test"]).value).toEqual({ a: `${ERASED} xay@a.test` });
  });

  it("leaves no trace of the address and changes nothing without one", () => {
    const email = "someone.special@example.test";
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        const doc = {
          a,
          b,
          list: [email, a],
          text: `${JSON.stringify(a).slice(0, 20)} ${email.toUpperCase()} tail`,
          [email]: b,
        };
        const out = scrubEmails(doc, [email]);
        expect(out.changed).toBe(true);
        expect(JSON.stringify(out.value).toLowerCase()).not.toContain(email);
        const clean = scrubEmails({ a, b }, [email]);
        if (!JSON.stringify({ a, b }).toLowerCase().includes(email)) {
          expect(clean.changed).toBe(false);
          expect(clean.value).toEqual({ a, b });
        }
      }),
      { numRuns: 200 },
    );
  });
});
