// GET /api/jobs/:id/events: Server-Sent Events from the job's Redis Stream. A reconnect with
// Last-Event-ID first receives every event it missed, then live ones. The first message of a new
// connection is the job's current state, so a client never starts from nothing.
import { createRedis, lastJobEventId, readJobEventsAfter, waitForJobEvents } from "@loraboard/queue/server";
import { getWebEnv } from "@/server/env";
import { getJob } from "./query-jobs";

const HEARTBEAT_MS = 15_000;
const BLOCK_MS = 5_000;
const EVENT_ID = /^\d+-\d+$/;

export async function openJobEventStream(jobId: string, request: Request): Promise<Response> {
  const job = await getJob(jobId); // 404 before any stream is opened
  const lastEventId = request.headers.get("last-event-id") ?? new URL(request.url).searchParams.get("lastEventId");
  const encoder = new TextEncoder();
  // XREAD BLOCK holds its connection: each stream gets its own, closed with the stream.
  const redis = createRedis(getWebEnv().REDIS_URL);
  let isClosed = false;

  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (text: string) => {
        if (!isClosed) controller.enqueue(encoder.encode(text));
      };
      const close = () => {
        if (isClosed) return;
        isClosed = true;
        redis.disconnect();
        try {
          controller.close();
        } catch {
          /* already closed by the client */
        }
      };
      request.signal.addEventListener("abort", close);
      send("retry: 2000\n\n");

      try {
        let cursor: string;
        if (lastEventId && EVENT_ID.test(lastEventId)) {
          cursor = lastEventId;
          for (let batch = await readJobEventsAfter(redis, jobId, cursor); batch.length > 0 && !isClosed; batch = await readJobEventsAfter(redis, jobId, cursor)) {
            for (const event of batch) send(`id: ${event.id}\ndata: ${event.data}\n\n`);
            cursor = batch[batch.length - 1]!.id;
          }
        } else {
          cursor = await lastJobEventId(redis, jobId);
          // The snapshot carries the current position as its id, so a reconnect resumes after it.
          send(`id: ${cursor}\ndata: ${JSON.stringify({ type: "status", job })}\n\n`);
        }
        let lastSentAt = Date.now();
        while (!isClosed) {
          const events = await waitForJobEvents(redis, jobId, cursor, BLOCK_MS);
          for (const event of events) send(`id: ${event.id}\ndata: ${event.data}\n\n`);
          if (events.length > 0) {
            cursor = events[events.length - 1]!.id;
            lastSentAt = Date.now();
          } else if (Date.now() - lastSentAt > HEARTBEAT_MS) {
            send(": keep-alive\n\n");
            lastSentAt = Date.now();
          }
        }
      } catch (error) {
        if (!isClosed) console.error(`[sse] job ${jobId}: ${(error as Error).message}`);
        close();
      }
    },
    cancel() {
      isClosed = true;
      redis.disconnect();
    },
  });

  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
}
