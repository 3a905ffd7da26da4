// Webhook URLs may not reach into the server's own network (SSRF) unless WEBHOOK_ALLOW_PRIVATE_URLS
// says so: loopback, private, link-local, carrier-grade NAT, multicast and reserved addresses are
// refused. The dashboard checks a URL when it is saved; the worker checks it again before each
// attempt and, through guardedLookup, the very address it connects to (a name can be re-pointed).
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from "node:dns";
import { BlockList, isIP } from "node:net";

const blocked = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12],
  ["192.0.0.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15], ["224.0.0.0", 4], ["240.0.0.0", 4],
] as const) blocked.addSubnet(network, prefix, "ipv4");
// BlockList checks IPv4-mapped addresses (::ffff:10.0.0.1) against the IPv4 ranges above.
for (const [network, prefix] of [["::", 128], ["::1", 128], ["fc00::", 7], ["fe80::", 10], ["ff00::", 8]] as const) {
  blocked.addSubnet(network, prefix, "ipv6");
}

/** True for an address a webhook may not reach unless private URLs are allowed. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true; // not an address at all: refuse rather than guess
  return blocked.check(address, family === 4 ? "ipv4" : "ipv6");
}

const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, "$1");

function lookupAll(hostname: string): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))),
  );
}

/**
 * Why `rawUrl` may not receive webhooks, or null when it may: http(s) only, and (unless
 * `allowPrivate`) every address its host resolves to is public.
 */
export async function webhookUrlProblem(rawUrl: string, options: { allowPrivate: boolean }): Promise<string | null> {
  if (!URL.canParse(rawUrl)) return "url must be an absolute URL such as https://example.com/hooks/loraboard";
  const url = new URL(rawUrl);
  if (!["http:", "https:"].includes(url.protocol)) return "url must start with http:// or https://";
  if (options.allowPrivate) return null;
  const host = hostOf(url);
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await lookupAll(host)).map((entry) => entry.address);
  } catch (error) {
    return `the host ${host} does not resolve (${(error as NodeJS.ErrnoException).code ?? "lookup failed"}): use a URL whose host has a public address`;
  }
  const inside = addresses.find(isPrivateAddress);
  if (inside !== undefined) {
    return `${host} resolves to ${inside}, a private, loopback or link-local address: webhooks go to public addresses only (the server's operator can allow private ones with WEBHOOK_ALLOW_PRIVATE_URLS=true)`;
  }
  return null;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A `lookup` for http.request that refuses private addresses: the check and the connection use
 * the same answer, so a name re-pointed after the check still cannot reach inside. */
export function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const inside = allowPrivate ? undefined : addresses.find((entry) => isPrivateAddress(entry.address));
      if (inside) {
        return callback(Object.assign(new Error(`${hostname} resolves to ${inside.address}, a private address: refused`), { code: "EPRIVATEADDRESS" }), []);
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: "ENOTFOUND" }), []);
      callback(null, first.address, first.family);
    });
  };
}
