// CSRF defence for requests that a cookie authenticates: a mutation must come from the dashboard's
// own origin. Browsers say where a request comes from in Sec-Fetch-Site (modern browsers, secure
// contexts) or Origin (every browser on every non-GET fetch); a request carrying neither is not
// from a browser page, and a cookie-authenticated one is refused too. Bearer requests need no
// check: a browser never attaches an Authorization header on its own.
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method.toUpperCase());
}

/** The origin the browser sees: the Host it sent (or the proxy's X-Forwarded-Host) and the scheme. */
export function expectedOrigin(request: Request): string {
  const url = new URL(request.url);
  const host = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || request.headers.get("host") || url.host;
  const proto = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() || url.protocol.replace(":", "");
  return `${proto}://${host}`.toLowerCase();
}

export type CrossSiteVerdict = { isAllowed: true } | { isAllowed: false; reason: string };

export function checkSameOrigin(request: Request, trustedOrigins: readonly string[] = []): CrossSiteVerdict {
  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite) {
    // "none" is a request the person started (typed URL, bookmark): never a fetch from a page.
    return fetchSite === "same-origin" || fetchSite === "none"
      ? { isAllowed: true }
      : { isAllowed: false, reason: `Sec-Fetch-Site is ${fetchSite}` };
  }
  const origin = request.headers.get("origin");
  if (!origin) return { isAllowed: false, reason: "the request has neither Origin nor Sec-Fetch-Site" };
  const normalized = origin.toLowerCase();
  if (normalized === expectedOrigin(request) || trustedOrigins.includes(normalized)) return { isAllowed: true };
  return { isAllowed: false, reason: `Origin ${origin} is not this server` };
}
