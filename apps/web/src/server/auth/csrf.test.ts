import { describe, expect, it } from "vitest";
import { checkSameOrigin, expectedOrigin } from "./csrf";

const request = (headers: Record<string, string>, url = "http://127.0.0.1:3000/api/tokens") =>
  new Request(url, { method: "POST", headers });

describe("checkSameOrigin", () => {
  it("trusts the browser's Sec-Fetch-Site when it is sent", () => {
    expect(checkSameOrigin(request({ "sec-fetch-site": "same-origin" })).isAllowed).toBe(true);
    for (const site of ["same-site", "cross-site"]) {
      // Even with a matching Origin: fetch metadata is the browser's own word.
      expect(checkSameOrigin(request({ "sec-fetch-site": site, origin: "http://127.0.0.1:3000" })).isAllowed).toBe(false);
    }
  });

  it("otherwise compares Origin with the origin the browser used, behind a proxy too", () => {
    expect(checkSameOrigin(request({ origin: "http://127.0.0.1:3000", host: "127.0.0.1:3000" })).isAllowed).toBe(true);
    expect(checkSameOrigin(request({ origin: "http://127.0.0.1:3001", host: "127.0.0.1:3000" })).isAllowed).toBe(false);
    expect(checkSameOrigin(request({ origin: "https://evil.example" })).isAllowed).toBe(false);
    const proxied = request({ origin: "https://lora.example.com", host: "10.0.0.5:3000", "x-forwarded-host": "lora.example.com", "x-forwarded-proto": "https" });
    expect(expectedOrigin(proxied)).toBe("https://lora.example.com");
    expect(checkSameOrigin(proxied).isAllowed).toBe(true);
    expect(checkSameOrigin(request({ origin: "https://lora.example.com" }), ["https://lora.example.com"]).isAllowed).toBe(true);
  });

  it("refuses a request with neither header: no browser page sent it", () => {
    expect(checkSameOrigin(request({}))).toEqual({ isAllowed: false, reason: expect.stringContaining("neither") });
  });
});
