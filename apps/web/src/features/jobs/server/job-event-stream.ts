// GET /api/jobs/:id/events: Server-Sent Events from the job's Redis Stream. A reconnect with
// Last-Event-ID first receives every event it missed, then live ones. The first message of a new
// connection is the job's current state, so a client never starts from nothing.
// Live events come from the process's one shared reader (job-event-hub.ts), not a connection per
// stream; an account holds at most MAX_LIVE_STREAMS_PER_USER streams (stream-slots.ts); a stream
// ends when its caller's credentials stop being valid (live-streams.ts).
import { compareJobEventIds, getRedis, lastJobEventId, readJobEventsAfter, type StoredJobEvent } from "@loraboard/queue/server";
import { errorResponse } from "@/server/api-route";
import type { Principal } from "@/server/auth/authenticate";
import { getWebEnv } from "@/server/env";
import { getJobEventHub } from "./job-event-hub";
import { addLiveStream, removeLiveStream, type LiveStream } from "./live-streams";
import { acquireStreamSlot, uncountedSlot } from "./stream-slots";
import { getJob } from "./query-jobs";

const EVENT_ID = /^\d+-\d+$/;

export async function openJobEventStream(jobId: string, request: Request, principal: Principal): Promise<Response> {
  const job = await getJob(jobId); // 404 before any stream is opened
  const limit = getWebEnv().MAX_LIVE_STREAMS_PER_USER;
  const owner = principal.userId ?? "bootstrap";
  // Redis away: nothing can be counted, nor streamed. The stream opens uncounted and ends at its
  // first read, so that the browser's EventSource retries (it gives up on an error status).
  const slot = await acquireStreamSlot(owner, limit).catch(() => uncountedSlot(owner));
  if (!slot) {
    return errorResponse(
      429,
      {
        code: "too_many_streams",
        message: `This account already has ${limit} live job streams open (MAX_LIVE_STREAMS_PER_USER): close some job pages or tabs, or stop the scripts that hold them, and try again.`,
      },
      { "retry-after": "30" },
    );
  }
  const lastEventId = request.headers.get("last-event-id") ?? new URL(request.url).searchParams.get("lastEventId");
  const encoder = new TextEncoder();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let stopWatching: (() => void) | null = null;
  const state = { isOpen: true };

  const live: LiveStream = {
    principal,
    slot,
    lastSentAt: Date.now(),
    sendKeepAlive: () => send(": keep-alive\n\n"),
    close(why) {
      if (!state.isOpen) return;
      if (why) console.info(`[sse] job ${jobId}: closing a stream because ${why}`);
      finish();
      try {
        controller.close();
      } catch {
        /* already closed by the client */
      }
    },
  };
  const send = (text: string) => {
    if (!state.isOpen) return;
    try {
      controller.enqueue(encoder.encode(text));
      live.lastSentAt = Date.now();
    } catch {
      finish(); // the client went away between two events
    }
  };
  const finish = () => {
    if (!state.isOpen) return;
    state.isOpen = false;
    stopWatching?.();
    void removeLiveStream(live);
  };
  // What was sent last: events at or before it are never sent twice.
  let cursor = "0-0";
  const sendEvents = (events: StoredJobEvent[]) => {
    for (const event of events) {
      if (compareJobEventIds(event.id, cursor) <= 0) continue;
      send(`id: ${event.id}\ndata: ${event.data}\n\n`);
      cursor = event.id;
    }
  };

  const stream = new ReadableStream<Uint8Array>({
    async start(streamController) {
      controller = streamController;
      addLiveStream(live);
      request.signal.addEventListener("abort", () => live.close(""));
      send("retry: 2000\n\n");
      try {
        const redis = getRedis();
        if (lastEventId && EVENT_ID.test(lastEventId)) {
          cursor = lastEventId;
        } else {
          cursor = await lastJobEventId(redis, jobId);
          // The snapshot carries the current position as its id, so a reconnect resumes after it.
          send(`id: ${cursor}\ndata: ${JSON.stringify({ type: "status", job })}\n\n`);
        }
        // Watch first, buffering, then read what is stored: an event is either already stored (read
        // here) or read by the hub after this point, so none falls between the two.
        let buffered: StoredJobEvent[] | null = [];
        stopWatching = getJobEventHub().watch(jobId, cursor, (events) => (buffered ? buffered.push(...events) : sendEvents(events)));
        if (!state.isOpen) stopWatching();
        for (let batch = await readJobEventsAfter(redis, jobId, cursor); batch.length > 0 && state.isOpen; batch = await readJobEventsAfter(redis, jobId, cursor)) {
          sendEvents(batch);
        }
        const pending: StoredJobEvent[] = buffered;
        buffered = null;
        sendEvents(pending);
      } catch (error) {
        if (state.isOpen) console.error(`[sse] job ${jobId}: ${(error as Error).message}`);
        live.close("");
      }
    },
    cancel() {
      finish();
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
