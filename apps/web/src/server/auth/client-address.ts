// Who is on the other end of a request. Next's own server hands route handlers no socket address
// and keeps whatever X-Forwarded-For a client sent, so anyone could pick the address the sign-in
// limit counts and the setup page's "is this localhost" check sees. apps/web/server.mjs, which
// serves the dashboard, writes the socket's address into PEER_ADDRESS_HEADER on every request
// (replacing any such header a client sent) and says so with STAMPS_PEER_ADDRESS_ENV. From that
// address, X-Forwarded-For is believed only hop by hop from the proxies in TRUSTED_PROXIES.
import { BlockList, isIP } from "node:net";
import { getWebEnv } from "../env";

export const PEER_ADDRESS_HEADER = "x-loraboard-peer-address";
/** Set (to "1") by apps/web/server.mjs: the process's requests carry a peer address it wrote. */
export const STAMPS_PEER_ADDRESS_ENV = "LORABOARD_STAMPS_PEER_ADDRESS";
/** A request whose sender is not known (served some other way, such as `next dev`). */
export const UNKNOWN_ADDRESS = "unknown";

/** "::ffff:10.0.0.1" (an IPv4 client of a dual-stack socket) is 10.0.0.1. */
function normalize(address: string): string {
  const trimmed = address.trim().toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(trimmed);
  return mapped ? mapped[1]! : trimmed;
}

function family(address: string): "ipv4" | "ipv6" | null {
  const version = isIP(address);
  return version === 4 ? "ipv4" : version === 6 ? "ipv6" : null;
}

function toBlockList(ranges: readonly string[]): BlockList {
  const list = new BlockList();
  for (const range of ranges) {
    const [address, prefix] = range.split("/") as [string, string | undefined];
    const type = family(normalize(address));
    if (!type) continue;
    if (prefix === undefined) list.addAddress(normalize(address), type);
    else list.addSubnet(normalize(address), Number(prefix), type);
  }
  return list;
}

const compiled = new Map<string, BlockList>();
function trustedList(ranges: readonly string[]): BlockList {
  const key = ranges.join(",");
  let list = compiled.get(key);
  if (!list) compiled.set(key, (list = toBlockList(ranges)));
  return list;
}

const LOOPBACK = toBlockList(["127.0.0.0/8", "::1/128"]);

function isIn(list: BlockList, address: string): boolean {
  const type = family(address);
  return type !== null && list.check(address, type);
}

export function isLoopback(address: string): boolean {
  return isIn(LOOPBACK, normalize(address));
}

/** The socket address server.mjs wrote, or UNKNOWN_ADDRESS when nothing trustworthy wrote one. */
export function peerAddress(headers: Headers, stampsPeerAddress = process.env[STAMPS_PEER_ADDRESS_ENV] === "1"): string {
  const stamped = stampsPeerAddress ? headers.get(PEER_ADDRESS_HEADER) : null;
  return stamped && family(normalize(stamped)) ? normalize(stamped) : UNKNOWN_ADDRESS;
}

function forwardedHops(headers: Headers): string[] {
  return (headers.get("x-forwarded-for") ?? "").split(",").map(normalize).filter(Boolean);
}

/**
 * The client's address: the peer, unless the peer is a trusted proxy, in which case the hop that
 * proxy appended, and so on while the hop is itself a trusted proxy. A client-made hop further
 * left is never reached, since the first untrusted address ends the walk.
 */
export function clientAddressFrom(headers: Headers, trustedProxies: readonly string[], peer = peerAddress(headers)): string {
  const trusted = trustedList(trustedProxies);
  const hops = forwardedHops(headers);
  let address = peer;
  while (isIn(trusted, address) && hops.length > 0) address = hops.pop()!;
  return address;
}

export function clientAddress(request: Request): string {
  return clientAddressFrom(request.headers, getWebEnv().TRUSTED_PROXIES);
}

/**
 * Whether the person is at the server's own keyboard: the client address is a loopback one and no
 * forwarding header names anyone else (a proxy on the same machine that is not in TRUSTED_PROXIES
 * connects from 127.0.0.1 on behalf of people anywhere).
 */
export function isLocalClientFrom(headers: Headers, trustedProxies: readonly string[], peer = peerAddress(headers)): boolean {
  if (!isLoopback(clientAddressFrom(headers, trustedProxies, peer))) return false;
  const named = [...forwardedHops(headers), ...(headers.get("x-real-ip") ? [normalize(headers.get("x-real-ip")!)] : [])];
  return named.every(isLoopback) && !headers.has("forwarded");
}

export function isLocalClient(headers: Headers): boolean {
  return isLocalClientFrom(headers, getWebEnv().TRUSTED_PROXIES);
}
