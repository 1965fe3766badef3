import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { BlockList, isIP } from "node:net";

/**
 * Address ranges a webhook is never sent to (unless allow-listed): a receiver URL must not reach
 * the server's own machine, its private network or a cloud metadata service (SSRF).
 */
function privateRanges(): BlockList {
  const list = new BlockList();
  const v4: Array<[string, number]> = [
    ["0.0.0.0", 8], // "this network", the unspecified address
    ["10.0.0.0", 8], // RFC 1918
    ["100.64.0.0", 10], // carrier-grade NAT
    ["127.0.0.0", 8], // loopback
    ["169.254.0.0", 16], // link-local, with the cloud metadata service 169.254.169.254
    ["172.16.0.0", 12], // RFC 1918
    ["192.0.0.0", 24], // IETF protocol assignments
    ["192.0.2.0", 24], // documentation
    ["192.168.0.0", 16], // RFC 1918
    ["198.18.0.0", 15], // benchmarking
    ["198.51.100.0", 24], // documentation
    ["203.0.113.0", 24], // documentation
    ["224.0.0.0", 4], // multicast
    ["240.0.0.0", 4], // reserved, with the broadcast address
  ];
  for (const [address, prefix] of v4) list.addSubnet(address, prefix, "ipv4");
  const v6: Array<[string, number]> = [
    ["::", 128], // unspecified
    ["::1", 128], // loopback
    ["64:ff9b::", 96], // NAT64: reaches IPv4 addresses, private ones included
    ["100::", 64], // discard
    ["2001:db8::", 32], // documentation
    ["fc00::", 7], // unique local, with AWS's metadata service fd00:ec2::254
    ["fe80::", 10], // link-local
    ["ff00::", 8], // multicast
  ];
  for (const [address, prefix] of v6) list.addSubnet(address, prefix, "ipv6");
  return list;
}

const PRIVATE = privateRanges();

/** Why a webhook may not go to an address, or null when it may. */
export class AddressGuard {
  readonly #hosts = new Set<string>();
  readonly #allowed = new BlockList();

  /** `allow`: comma-separated host names, IP addresses or CIDR ranges that may be private (LEADPANE_WEBHOOK_ALLOW_HOSTS). */
  constructor(allow = "") {
    for (const raw of allow.split(",")) {
      const entry = raw.trim().toLowerCase();
      if (!entry) continue;
      const [address, prefix] = entry.split("/");
      const family = isIP(stripBrackets(address!));
      if (family && prefix !== undefined)
        this.#allowed.addSubnet(stripBrackets(address!), Number(prefix), family === 4 ? "ipv4" : "ipv6");
      else if (family) this.#allowed.addAddress(stripBrackets(address!), family === 4 ? "ipv4" : "ipv6");
      else this.#hosts.add(entry);
    }
  }

  /** Whether a host name (as in the URL) is allow-listed by name. */
  hostAllowed(hostname: string): boolean {
    return this.#hosts.has(stripBrackets(hostname).toLowerCase());
  }

  /** Why an IP address is refused, or null when it may be used. */
  refuseAddress(address: string): string | null {
    const family = isIP(address) === 6 ? "ipv6" : "ipv4";
    if (this.#allowed.check(address, family)) return null;
    return PRIVATE.check(address, family) ? `${address} is a private network address` : null;
  }

  /**
   * Why a URL is refused before any lookup: not http(s), or an IP literal in a private range,
   * unless allow-listed. Names are checked after resolution, at delivery (`lookup`).
   */
  refuseUrl(url: URL): string | null {
    if (url.protocol !== "https:" && url.protocol !== "http:")
      return "only http and https addresses can receive webhooks";
    const host = stripBrackets(url.hostname).toLowerCase();
    if (this.hostAllowed(host)) return null;
    return isIP(host) ? this.refuseAddress(host) : null;
  }

  /**
   * Why a URL is refused at registration: as `refuseUrl`, and names that always mean this machine
   * (`localhost`), so the mistake is said beside the field rather than in the delivery log.
   */
  refuseAtRegistration(url: URL): string | null {
    const host = stripBrackets(url.hostname).toLowerCase();
    if (!this.hostAllowed(host) && (host === "localhost" || host.endsWith(".localhost")))
      return `${host} is this server itself`;
    return this.refuseUrl(url);
  }

  /**
   * A `lookup` for http.request: resolves the name, refuses it when any of its addresses is
   * private, and hands the socket exactly the addresses it checked, so a second resolution (DNS
   * rebinding) cannot swap in another one.
   */
  lookup = (
    hostname: string,
    options: { all?: boolean; family?: number | string },
    callback: (error: Error | null, address: string | LookupAddress[], family?: number) => void,
  ): void => {
    dnsLookup(hostname, { all: true, family: Number(options.family) || 0 }, (error, addresses) => {
      if (error) return callback(error, "");
      const allowedName = this.hostAllowed(hostname);
      for (const { address } of addresses) {
        const why = allowedName ? null : this.refuseAddress(address);
        if (why) return callback(new RefusedAddressError(`Refused: ${hostname} resolves to ${why}`), "");
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first) return callback(new Error(`${hostname} has no address`), "");
      callback(null, first.address, first.family);
    });
  };
}

/** A delivery refused because its address is private. */
class RefusedAddressError extends Error {}

function stripBrackets(host: string): string {
  return host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
}
