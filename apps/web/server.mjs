// Serves the built dashboard (instead of `next start`), for two reasons:
// - it listens on 127.0.0.1 unless HOST says otherwise (HOST=0.0.0.0 for every interface), so a
//   fresh install is not open to the network before anyone has set it up;
// - it writes the address of the connection each request came on into a header of its own,
//   replacing any such header a client sent. Next's server gives route handlers no socket address
//   and keeps a client's own X-Forwarded-For, so without this a client would choose the address
//   the sign-in limit counts and could pass for localhost on the setup page
//   (src/server/auth/client-address.ts reads it).
// Usage: HOST=127.0.0.1 PORT=3000 node apps/web/server.mjs   (after scripts/build-web.sh)
import { createServer } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import next from "next";

// Keep in step with src/server/auth/client-address.ts.
const PEER_ADDRESS_HEADER = "x-loraboard-peer-address";
process.env.LORABOARD_STAMPS_PEER_ADDRESS = "1";

const host = process.env.HOST || "127.0.0.1";
const port = Number(process.env.PORT || 3000);
const dir = path.dirname(fileURLToPath(import.meta.url));
// Next resolves next.config.ts's own imports from the working directory, as under `next start`.
process.chdir(dir);

const app = next({ dev: false, dir, hostname: host, port });
await app.prepare();
const handle = app.getRequestHandler();

const server = createServer((request, response) => {
  request.headers[PEER_ADDRESS_HEADER] = request.socket.remoteAddress ?? "";
  handle(request, response).catch((error) => {
    console.error("[web] request failed", error);
    if (!response.headersSent) response.writeHead(500);
    response.end();
  });
});
server.on("error", (error) => {
  console.error(`[web] cannot listen on ${host}:${port}: ${error.message}`);
  process.exit(1);
});
server.listen(port, host, () => {
  const shown = host.includes(":") ? `[${host}]` : host;
  console.log(`[web] dashboard listening on http://${shown}:${port}${host === "127.0.0.1" ? " (this machine only; set HOST=0.0.0.0 to serve the network)" : ""}`);
});
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => server.close(() => process.exit(0)).closeAllConnections());
}
