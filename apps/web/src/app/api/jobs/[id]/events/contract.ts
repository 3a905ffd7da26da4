import { declareRoute, JobLiveEvent, named } from "@loraboard/contracts";

export const GET = declareRoute("GET /api/jobs/[id]/events", "member", {
  tag: "Jobs", operationId: "streamJobEvents", summary: "Live events of a job (Server-Sent Events)",
  description:
    "Each event's `id` is a monotonically increasing sequence; reconnecting with `Last-Event-ID` first replays what was missed, then live events: metrics, status changes and log lines. An account holds at most MAX_LIVE_STREAMS_PER_USER streams at once (429 `too_many_streams` past it); a stream ends once its token is revoked or its account disabled.",
  headers: [{ name: "Last-Event-ID", description: "The id of the last event received; the stream resumes after it." }],
  responses: {
    200: {
      description: "An event stream.",
      eventStream: { description: "Each event's `data` is one JSON JobLiveEvent.", data: named("JobLiveEvent", JobLiveEvent) },
    },
  },
  errors: [404, 429, 503],
});
