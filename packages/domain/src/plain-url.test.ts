import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { plainHostname, plainUrl } from "./plain-url.ts";
import { propertyRuns } from "./property-runs.ts";

// Addresses as pages write them and as they should not: schemes, hosts with numbers, IDNs, ports, credentials,
// escapes, dot segments, backslashes, spaces, queries and fragments.
const url = fc
  .tuple(
    fc.constantFrom("https://", "http://", "HTTPS://", "ftp://", " https://", "https:/", "https:\\\\"),
    fc.array(fc.constantFrom(..."www linkedin com Acme a-b - 0 12 0x1f xn--bcher-kva é _ %41 [::1]".split(" ")), {
      minLength: 1,
      maxLength: 3,
    }),
    fc.constantFrom("", ".", ":8080", ":x", "@acme.com", "%2e"),
    fc.array(fc.constantFrom(..."/ // . .. in Jane-Doe _ ~ %41 é \\ : ? # q=1".split(" "), " ", "\t"), {
      maxLength: 5,
    }),
  )
  .map(([scheme, labels, end, rest]) => scheme + labels.join(".") + end + rest.join(""));

// Addresses that are plain or nearly so: the ones read without a parse, and their closest neighbours.
const nearlyPlain = fc
  .tuple(
    fc.constantFrom("https://", "http://"),
    fc.constantFrom(
      "www.acme.com",
      "Acme.COM",
      "x.com",
      "a-b.c0m",
      "1.2.3.4",
      "www.0x1f",
      "xn--bcher-kva.de",
      "acme.com.",
    ),
    fc.array(fc.constantFrom(..."/ . .. in Jane %2e ~ ? #".split(" ")), { maxLength: 6 }),
  )
  .map(([scheme, host, path]) => scheme + host + path.join(""));

const parsed = (u: string): URL | null => {
  try {
    return new URL(u);
  } catch {
    return null;
  }
};

describe("plain web addresses", () => {
  it("give the parts parsing gives, whenever they are read without a parse", () => {
    fc.assert(
      fc.property(fc.oneof(url, nearlyPlain), (u) => {
        const plain = plainUrl(u);
        const full = parsed(u);
        if (plain)
          expect(plain).toEqual({ protocol: full?.protocol, hostname: full?.hostname, pathname: full?.pathname });
        const host = plainHostname(u);
        if (host !== null) expect(host).toBe(full?.hostname);
      }),
      { numRuns: propertyRuns(3000) },
    );
  });
  it("read the usual links of a page", () => {
    expect(plainUrl("https://www.LinkedIn.com/in/jane-doe/?trk=x#top")).toEqual({
      protocol: "https:",
      hostname: "www.linkedin.com",
      pathname: "/in/jane-doe/",
    });
    expect(plainUrl("http://acme.com")).toEqual({ protocol: "http:", hostname: "acme.com", pathname: "/" });
    expect(plainHostname("https://fr.linkedin.com/in/J%C3%A9r%C3%B4me")).toBe("fr.linkedin.com");
    expect(plainUrl("https://fr.linkedin.com/in/J%C3%A9r%C3%B4me")).toBeNull();
    expect(plainUrl("https://192.168.0.1/x")).toBeNull();
    expect(plainUrl("/team/jane")).toBeNull();
  });
});
