import { describe, expect, it } from "vitest";
import { AddressGuard } from "./address-guard.ts";

describe("AddressGuard", () => {
  it("refuses loopback, private, link-local, CGNAT, metadata, unspecified and multicast addresses", () => {
    const guard = new AddressGuard();
    for (const address of [
      "127.0.0.1",
      "10.1.2.3",
      "172.16.0.1",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "224.0.0.251",
      "255.255.255.255",
      "::1",
      "::",
      "fd00:ec2::254",
      "fc00::1",
      "fe80::1",
      "ff02::1",
      "::ffff:127.0.0.1",
      "::ffff:10.0.0.1",
    ])
      expect(guard.refuseAddress(address), address).toMatch(/private network address/);
    for (const address of ["8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "172.32.0.1", "100.128.0.1"])
      expect(guard.refuseAddress(address), address).toBeNull();
  });

  it("lets the allow-list through by address, range or name", () => {
    const guard = new AddressGuard("127.0.0.1, 10.0.0.0/8, hooks.internal");
    expect(guard.refuseAddress("127.0.0.1")).toBeNull();
    expect(guard.refuseAddress("10.9.9.9")).toBeNull();
    expect(guard.refuseAddress("127.0.0.2")).not.toBeNull();
    expect(guard.refuseUrl(new URL("http://hooks.internal/x"))).toBeNull();
    expect(guard.refuseAtRegistration(new URL("http://localhost/x"))).toMatch(/this server/);
    expect(new AddressGuard("localhost").refuseAtRegistration(new URL("http://localhost/x"))).toBeNull();
    expect(guard.refuseUrl(new URL("http://[::1]:80/x"))).toMatch(/private/);
    expect(guard.refuseUrl(new URL("file:///etc/passwd"))).toMatch(/only http/);
  });

  it("refuses a name after resolving it, unless the name is allow-listed", async () => {
    const resolve = (guard: AddressGuard, all: boolean) =>
      new Promise<{ error: Error | null; address: unknown }>((done) =>
        guard.lookup("localhost", { all }, (error, address) => done({ error, address })),
      );
    for (const all of [true, false]) {
      const refused = await resolve(new AddressGuard(), all);
      expect(refused.error?.message).toMatch(/^Refused: localhost resolves to/);
      const allowed = await resolve(new AddressGuard("localhost"), all);
      expect(allowed.error).toBeNull();
      expect(JSON.stringify(allowed.address)).toMatch(/127\.0\.0\.1|::1/);
    }
  });
});
