// The SSRF guard's address ranges, and what a URL check says without touching DNS (IP literals).
import { describe, expect, it } from "vitest";
import { isPrivateAddress, webhookUrlProblem } from "./url-guard";

describe("isPrivateAddress", () => {
  it("refuses loopback, private, link-local, CGNAT, unspecified and IPv4-mapped inside addresses", () => {
    for (const address of ["127.0.0.1", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "::1", "::", "fe80::1", "fd00::1", "::ffff:127.0.0.1", "::ffff:7f00:1", "not-an-ip"]) {
      expect(isPrivateAddress(address), address).toBe(true);
    }
  });
  it("lets public addresses through", () => {
    for (const address of ["93.184.215.14", "8.8.8.8", "172.32.0.1", "2606:4700::1111", "::ffff:8.8.8.8"]) {
      expect(isPrivateAddress(address), address).toBe(false);
    }
  });
});

describe("webhookUrlProblem", () => {
  it("says why, or null", async () => {
    expect(await webhookUrlProblem("https://93.184.215.14/hook", { allowPrivate: false })).toBeNull();
    expect(await webhookUrlProblem("http://[::1]:8080/hook", { allowPrivate: false })).toMatch(/::1, a private, loopback or link-local address/);
    expect(await webhookUrlProblem("http://127.0.0.1/hook", { allowPrivate: true })).toBeNull();
    expect(await webhookUrlProblem("file:///etc/passwd", { allowPrivate: true })).toMatch(/http:\/\/ or https:\/\//);
  });
});
