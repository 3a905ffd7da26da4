import { describe, expect, it } from "vitest";
import { PEER_ADDRESS_HEADER, UNKNOWN_ADDRESS, clientAddressFrom, isLocalClientFrom, peerAddress } from "./client-address";

const headers = (values: Record<string, string>) => new Headers(values);

describe("peerAddress", () => {
  it("is the address server.mjs wrote, and unknown when no such server wrote it", () => {
    const stamped = headers({ [PEER_ADDRESS_HEADER]: "::ffff:203.0.113.5" });
    expect(peerAddress(stamped, true)).toBe("203.0.113.5");
    // Served some other way, the header could come from anyone.
    expect(peerAddress(stamped, false)).toBe(UNKNOWN_ADDRESS);
    expect(peerAddress(headers({ [PEER_ADDRESS_HEADER]: "not an address" }), true)).toBe(UNKNOWN_ADDRESS);
  });
});

describe("clientAddressFrom", () => {
  it("ignores X-Forwarded-For from a client that is not a trusted proxy", () => {
    const forged = headers({ "x-forwarded-for": "198.51.100.77" });
    expect(clientAddressFrom(forged, [], "203.0.113.5")).toBe("203.0.113.5");
    expect(clientAddressFrom(forged, ["10.0.0.0/8"], "203.0.113.5")).toBe("203.0.113.5");
  });

  it("takes the hop a trusted proxy appended, never one a client made up further left", () => {
    // The client sent "X-Forwarded-For: 1.1.1.1"; nginx appended the address it saw.
    const proxied = headers({ "x-forwarded-for": "1.1.1.1, 203.0.113.5" });
    expect(clientAddressFrom(proxied, ["10.0.0.2"], "10.0.0.2")).toBe("203.0.113.5");
    // Two trusted proxies in a row (a load balancer, then nginx).
    const chained = headers({ "x-forwarded-for": "1.1.1.1, 203.0.113.5, 10.0.0.9" });
    expect(clientAddressFrom(chained, ["10.0.0.0/8"], "10.0.0.2")).toBe("203.0.113.5");
    expect(clientAddressFrom(chained, ["::ffff:10.0.0.2"], "::ffff:10.0.0.2")).toBe("10.0.0.9");
  });

  it("is the proxy itself when a trusted proxy forwards nothing", () => {
    expect(clientAddressFrom(headers({}), ["10.0.0.2"], "10.0.0.2")).toBe("10.0.0.2");
  });
});

describe("isLocalClientFrom", () => {
  it("is true only at the server's own keyboard", () => {
    // Next's server fills X-Forwarded-For with the socket address when a request has none.
    expect(isLocalClientFrom(headers({ "x-forwarded-for": "127.0.0.1" }), [], "127.0.0.1")).toBe(true);
    expect(isLocalClientFrom(headers({}), [], "::1")).toBe(true);
    expect(isLocalClientFrom(headers({}), [], "192.0.2.2")).toBe(false);
    expect(isLocalClientFrom(headers({}), [], UNKNOWN_ADDRESS)).toBe(false);
  });

  it("is false behind a proxy on the same machine, trusted or not", () => {
    // An nginx on this machine that TRUSTED_PROXIES does not list connects from 127.0.0.1 for anyone.
    expect(isLocalClientFrom(headers({ "x-forwarded-for": "203.0.113.5" }), [], "127.0.0.1")).toBe(false);
    expect(isLocalClientFrom(headers({ "x-real-ip": "203.0.113.5" }), [], "127.0.0.1")).toBe(false);
    expect(isLocalClientFrom(headers({ forwarded: "for=203.0.113.5" }), [], "127.0.0.1")).toBe(false);
    expect(isLocalClientFrom(headers({ "x-forwarded-for": "203.0.113.5" }), ["127.0.0.1"], "127.0.0.1")).toBe(false);
  });
});
