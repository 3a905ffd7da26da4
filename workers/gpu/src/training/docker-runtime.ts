// Runs the trainer in a container from TRAINER_IMAGE through the Docker Engine API (a unix socket
// or tcp, as DOCKER_HOST says), with the GPU requested and DATA_DIR mounted at the same path so
// the spec's paths mean the same inside. The container is named after the job: a restarted worker
// removes a leftover one before starting again. Each container is labelled with its job, attempt and
// worker, so that one left running by a killed worker can be found and stopped (stray-trainers.ts).
import http from "node:http";
import { createLineSplitter, type LabelledTrainer, type RunningTrainer, type TrainerLaunch, type TrainerRuntime } from "./trainer-runtime";

const API_VERSION = "v1.43";

interface DockerEndpoint {
  socketPath?: string;
  host?: string;
  port?: number;
}

export function parseDockerHost(dockerHost = "unix:///var/run/docker.sock"): DockerEndpoint {
  if (dockerHost.startsWith("unix://")) return { socketPath: dockerHost.slice("unix://".length) };
  const url = new URL(dockerHost.replace(/^tcp:\/\//, "http://"));
  return { host: url.hostname, port: Number(url.port || 2375) };
}

function dockerRequest(endpoint: DockerEndpoint, method: string, path: string, body?: unknown) {
  return new Promise<http.IncomingMessage>((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const request = http.request(
      {
        ...endpoint,
        method,
        path: `/${API_VERSION}${path}`,
        headers: payload ? { "content-type": "application/json", "content-length": Buffer.byteLength(payload) } : {},
      },
      resolve,
    );
    request.on("error", reject);
    if (payload) request.write(payload);
    request.end();
  });
}

async function readBody(response: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

async function dockerCall(endpoint: DockerEndpoint, method: string, path: string, body?: unknown, okStatuses = [200, 201, 204]) {
  const response = await dockerRequest(endpoint, method, path, body);
  const text = await readBody(response);
  if (!okStatuses.includes(response.statusCode ?? 0)) {
    let message = text;
    try {
      message = (JSON.parse(text) as { message?: string }).message ?? text;
    } catch {
      /* plain text */
    }
    throw new Error(`Docker ${method} ${path} answered ${response.statusCode}: ${message.trim()}`);
  }
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/**
 * Demultiplexes Docker's attach/logs stream: 8-byte frames [stream, 0, 0, 0, size (uint32 BE)]
 * followed by `size` bytes; stream 1 is stdout, 2 is stderr.
 */
export function createDockerStreamDemuxer(onStdout: (chunk: Uint8Array) => void, onStderr: (chunk: Uint8Array) => void) {
  let buffer = Buffer.alloc(0);
  return (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    while (buffer.length >= 8) {
      const size = buffer.readUInt32BE(4);
      if (buffer.length < 8 + size) break;
      const frame = buffer.subarray(8, 8 + size);
      if (buffer[0] === 2) onStderr(frame);
      else onStdout(frame);
      buffer = buffer.subarray(8 + size);
    }
  };
}

export function containerNameFor(jobId: string) {
  return `loraboard-train-${jobId}`;
}

const LABEL = { job: "loraboard.job", attempt: "loraboard.attempt", worker: "loraboard.worker" } as const;

/** `workerId`: recorded on every container this worker starts. */
export function createDockerRuntime(options: { image: string; dockerHost?: string; workerId?: string }): TrainerRuntime {
  const endpoint = parseDockerHost(options.dockerHost);
  const listTrainers = async (): Promise<(LabelledTrainer & { containerId: string })[]> => {
    const filters = encodeURIComponent(JSON.stringify({ label: [LABEL.job] }));
    const response = await dockerRequest(endpoint, "GET", `/containers/json?all=1&filters=${filters}`);
    const text = await readBody(response);
    if (response.statusCode !== 200) throw new Error(`Docker GET /containers/json answered ${response.statusCode}: ${text.trim()}`);
    return (JSON.parse(text) as { Id: string; Labels?: Record<string, string> }[]).map((container) => ({
      containerId: container.Id,
      jobId: container.Labels?.[LABEL.job] ?? "",
      attempt: Number(container.Labels?.[LABEL.attempt] ?? 0),
      workerId: container.Labels?.[LABEL.worker] ?? "",
    }));
  };
  return {
    name: "docker",
    async stopStrays(isWanted) {
      const stopped: LabelledTrainer[] = [];
      for (const { containerId, ...trainer } of await listTrainers()) {
        if (await isWanted(trainer)) continue;
        await dockerCall(endpoint, "DELETE", `/containers/${containerId}?force=true`, undefined, [200, 204, 404]);
        stopped.push(trainer);
      }
      return stopped;
    },
    async start(launch: TrainerLaunch): Promise<RunningTrainer> {
      const name = containerNameFor(launch.jobId);
      await dockerCall(endpoint, "DELETE", `/containers/${name}?force=true`, undefined, [200, 204, 404]);
      const created = await dockerCall(endpoint, "POST", `/containers/create?name=${encodeURIComponent(name)}`, {
        Image: options.image,
        Cmd: ["train", launch.specPath],
        Env: ["PYTHONUNBUFFERED=1"],
        AttachStdout: true,
        AttachStderr: true,
        Tty: false,
        Labels: { [LABEL.job]: launch.jobId, [LABEL.attempt]: String(launch.attempt), [LABEL.worker]: options.workerId ?? "" },
        HostConfig: {
          Binds: [`${launch.dataDir}:${launch.dataDir}`],
          ShmSize: 8 * 1024 ** 3,
          DeviceRequests:
            launch.gpuId === null ? [] : [{ Driver: "nvidia", DeviceIDs: [launch.gpuId], Capabilities: [["gpu"]] }],
        },
      });
      const containerId = String(created.Id);

      const stdoutListeners: ((line: string) => void)[] = [];
      const stderrListeners: ((line: string) => void)[] = [];
      const stdout = createLineSplitter((line) => stdoutListeners.forEach((listener) => listener(line)));
      const stderr = createLineSplitter((line) => stderrListeners.forEach((listener) => listener(line)));

      // Attach before starting, so not one line of output is missed.
      const attached = await dockerRequest(endpoint, "POST", `/containers/${containerId}/attach?stream=1&stdout=1&stderr=1`);
      const demux = createDockerStreamDemuxer((chunk) => stdout.push(chunk), (chunk) => stderr.push(chunk));
      const outputEnded = new Promise<void>((resolve) => {
        attached.on("data", demux);
        attached.on("end", resolve);
        attached.on("error", () => resolve());
      });
      await dockerCall(endpoint, "POST", `/containers/${containerId}/start`);

      const exited = (async () => {
        const result = await dockerCall(endpoint, "POST", `/containers/${containerId}/wait`);
        await outputEnded;
        stdout.end();
        stderr.end();
        await dockerCall(endpoint, "DELETE", `/containers/${containerId}?force=true`, undefined, [200, 204, 404]).catch(() => undefined);
        return { code: Number(result.StatusCode ?? 1), signal: null };
      })();

      const signal = (name: string) =>
        dockerCall(endpoint, "POST", `/containers/${containerId}/kill?signal=${name}`, undefined, [200, 204, 404, 409]).then(
          () => undefined,
        );
      return {
        onStdoutLine: (listener) => stdoutListeners.push(listener),
        onStderrLine: (listener) => stderrListeners.push(listener),
        exited,
        stop: () => signal("SIGTERM"),
        kill: () => signal("SIGKILL"),
      };
    },
  };
}
