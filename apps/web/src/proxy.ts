// Sends browsers without a session to the sign-in page. A convenience only: every /api/* route
// checks credentials itself (apiRoute), so nothing depends on this for security.
import { NextResponse, type NextRequest } from "next/server";

const SESSION_COOKIE = "loraboard_session";

export function proxy(request: NextRequest) {
  if (request.cookies.has(SESSION_COOKIE)) return NextResponse.next();
  const url = request.nextUrl.clone();
  url.pathname = "/sign-in";
  url.search = `?next=${encodeURIComponent(request.nextUrl.pathname + request.nextUrl.search)}`;
  return NextResponse.redirect(url);
}

export const config = {
  // Pages only: not the API, the sign-in page, Next's assets or the favicon.
  matcher: ["/((?!api|sign-in|_next|favicon.ico).*)"],
};
