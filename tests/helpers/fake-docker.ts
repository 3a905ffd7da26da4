// A fake Docker Engine API on a unix socket: enough of create / attach / start / wait / kill /
// delete for the worker's docker runtime. "Running" a container runs its command with the real
// trainer as a local process (the image's entrypoint is `python -m lora_trainer`), so the runtime
// is exercised end to end, multiplexed output frames included.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";

interface FakeContainer {
  id: string;
  name: string;
  body: { Image: string; Cmd: string[]; Labels?: Record<string, string>; HostConfig: { Binds: string[]; DeviceRequests: unknown[] } };
  process?: ChildProcess;
  exitCode?: number;
  exited: Promise<number>;
  markExited: (code: number) => void;
  attached?: http.ServerResponse;
}

function frame(stream: 1 | 2, payload: Buffer) {
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

export async function startFakeDocker(pythonBin: string) {
  const socketPath = path.join(mkdtempSync(path.join(os.tmpdir(), "fake-docker-")), "docker.sock");
  const containers = new Map<string, FakeContainer>();
  const requests: { method: string; path: string; body: unknown }[] = [];
  let nextId = 1;

  const server = http.createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    const body = text ? JSON.parse(text) : undefined;
    const url = new URL(request.url!, "http://docker");
    requests.push({ method: request.method!, path: url.pathname + url.search, body });
    const match = /^\/v[\d.]+\/containers\/([^/]+)(?:\/(\w+))?$/.exec(url.pathname);
    const json = (status: number, value: unknown) => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(value));
    };
    if (request.method === "POST" && url.pathname.endsWith("/containers/create")) {
      if (!body?.Image) return json(400, { message: "image required" });
      const id = `c${nextId++}`;
      let markExited!: (code: number) => void;
      const exited = new Promise<number>((resolve) => (markExited = resolve));
      containers.set(id, { id, name: url.searchParams.get("name") ?? id, body, exited, markExited });
      return json(201, { Id: id, Warnings: [] });
    }
    if (request.method === "GET" && url.pathname.endsWith("/containers/json")) {
      // Only the label filters the runtime uses: {"label": ["key"]} or {"label": ["key=value"]}.
      const labelFilters: string[] = JSON.parse(url.searchParams.get("filters") ?? "{}").label ?? [];
      const matches = (labels: Record<string, string>) =>
        labelFilters.every((filter) => {
          const [key, value] = filter.split("=");
          return key! in labels && (value === undefined || labels[key!] === value);
        });
      const listed = [...containers.values()].filter((c) => matches(c.body.Labels ?? {}));
      return json(200, listed.map((c) => ({ Id: c.id, Names: [`/${c.name}`], Labels: c.body.Labels ?? {}, State: c.exitCode === undefined ? "running" : "exited" })));
    }
    if (!match) return json(404, { message: "page not found" });
    const [, ref, action] = match;
    const container = containers.get(ref!) ?? [...containers.values()].find((c) => c.name === ref);
    if (!container) return json(404, { message: `No such container: ${ref}` });
    if (request.method === "DELETE" && !action) {
      container.process?.kill("SIGKILL");
      containers.delete(container.id);
      response.writeHead(204).end();
    } else if (action === "attach") {
      response.writeHead(200, { "content-type": "application/vnd.docker.raw-stream" });
      response.flushHeaders(); // as Docker does: the client is attached before the container starts
      container.attached = response;
    } else if (action === "start") {
      const child = spawn(pythonBin, ["-m", "lora_trainer", ...container.body.Cmd], { stdio: ["ignore", "pipe", "pipe"] });
      container.process = child;
      child.stdout.on("data", (chunk: Buffer) => container.attached?.write(frame(1, chunk)));
      child.stderr.on("data", (chunk: Buffer) => container.attached?.write(frame(2, chunk)));
      child.on("close", (code, signal) => {
        container.exitCode = code ?? (signal === "SIGKILL" ? 137 : 143);
        container.attached?.end();
        container.markExited(container.exitCode);
      });
      response.writeHead(204).end();
    } else if (action === "wait") {
      json(200, { StatusCode: await container.exited });
    } else if (action === "kill") {
      container.process?.kill((url.searchParams.get("signal") ?? "SIGKILL") as NodeJS.Signals);
      response.writeHead(204).end();
    } else {
      json(404, { message: "unsupported" });
    }
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return {
    dockerHost: `unix://${socketPath}`,
    requests,
    /** Labels of the containers whose trainer process is still alive. */
    running: () => [...containers.values()].filter((c) => c.process && c.exitCode === undefined).map((c) => c.body.Labels ?? {}),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
