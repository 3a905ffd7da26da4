// The open live streams of this web process, and the one timer that looks after all of them:
// keep-alive comments for idle ones, their slots' leases renewed, and every stream closed whose
// credentials no longer let its caller in (token revoked, signed out, account disabled or deleted).
import type { Principal } from "@/server/auth/authenticate";
import { stillValidPrincipals } from "@/server/auth/still-valid";
import { releaseStreamSlot, renewStreamSlots, type StreamSlot } from "./stream-slots";

const TICK_MS = 5_000;
const HEARTBEAT_MS = 15_000;
/** How often credentials are checked again; the issue asks for at least once a minute. */
export const RECHECK_MS = 30_000;

export interface LiveStream {
  principal: Principal;
  slot: StreamSlot;
  lastSentAt: number;
  sendKeepAlive(): void;
  /** Ends the stream; `why` is logged. */
  close(why: string): void;
}

const globalForStreams = globalThis as unknown as {
  loraboardLiveStreams?: { streams: Set<LiveStream>; timer: ReturnType<typeof setInterval> | null; lastCheckAt: number; isChecking: boolean };
};
const state = (globalForStreams.loraboardLiveStreams ??= { streams: new Set(), timer: null, lastCheckAt: Date.now(), isChecking: false });

export function addLiveStream(stream: LiveStream): void {
  state.streams.add(stream);
  if (!state.timer) {
    state.lastCheckAt = Date.now();
    state.timer = setInterval(() => void tick(), TICK_MS);
    state.timer.unref?.();
  }
}

/** Forgets the stream and frees its slot (idempotent). */
export async function removeLiveStream(stream: LiveStream): Promise<void> {
  if (!state.streams.delete(stream)) return;
  if (state.streams.size === 0 && state.timer) {
    clearInterval(state.timer);
    state.timer = null;
  }
  await releaseStreamSlot(stream.slot).catch(() => undefined); // Redis away: the lease runs out
}

export function liveStreamCount(): number {
  return state.streams.size;
}

async function tick(): Promise<void> {
  const now = Date.now();
  for (const stream of state.streams) {
    if (now - stream.lastSentAt > HEARTBEAT_MS) stream.sendKeepAlive();
  }
  if (now - state.lastCheckAt >= RECHECK_MS && !state.isChecking) {
    state.lastCheckAt = now;
    state.isChecking = true; // a slow database must not stack checks
    await recheckLiveStreams()
      .catch((error: Error) => console.error(`[sse] re-checking stream credentials: ${error.message}`))
      .finally(() => (state.isChecking = false));
  }
}

/** Closes the streams whose caller would be refused now, and renews the others' slots. Runs every
 * RECHECK_MS; exported so that a test need not wait for the timer. */
export async function recheckLiveStreams(): Promise<void> {
  const streams = [...state.streams];
  const valid = await stillValidPrincipals(streams.map((stream) => stream.principal));
  const kept: LiveStream[] = [];
  for (const stream of streams) {
    if (valid.has(stream.principal)) kept.push(stream);
    else stream.close("its credentials were revoked or its account disabled");
  }
  await renewStreamSlots(kept.map((stream) => stream.slot));
}
