// Sends browsers without a session cookie to the sign-in page (which sends a fresh install on to
// the one-time setup). A convenience only: every /api/* route checks credentials itself
// (apiRoute and its route policy), so nothing depends on this for security.
import { NextResponse, type NextRequest } from "next/server";

// better-auth's session cookie, plain on http and __Secure- on https (server/auth/better-auth.ts).
const SESSION_COOKIES = ["loraboard.session_token", "__Secure-loraboard.session_token"];

export function proxy(request: NextRequest) {
  if (SESSION_COOKIES.some((name) => request.cookies.has(name))) return NextResponse.next();
  const url = request.nextUrl.clone();
  url.pathname = "/sign-in";
  url.search = `?next=${encodeURIComponent(request.nextUrl.pathname + request.nextUrl.search)}`;
  return NextResponse.redirect(url);
}

export const config = {
  // Pages only: not the API, the sign-in and setup pages, Next's assets or the favicon.
  matcher: ["/((?!api|sign-in|setup|_next|favicon.ico).*)"],
};
