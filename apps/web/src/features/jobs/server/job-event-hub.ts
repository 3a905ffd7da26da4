// One blocking Redis reader per web process for every live job stream: an XREAD over the streams
// of all watched jobs, whose events are handed to each stream that watches that job. Before, each
// SSE stream held its own blocking connection, so 3,000 open pages were 3,000 Redis clients.
import type { Redis } from "ioredis";
import { createRedis, getRedis, waitForManyJobEvents, type StoredJobEvent } from "@loraboard/queue/server";
import { getWebEnv } from "@/server/env";

type Listener = (events: StoredJobEvent[]) => void;

const BLOCK_MS = 5_000;
const RETRY_AFTER_ERROR_MS = 1_000;

export class JobEventHub {
  // Per watched job: the id after which the reader reads next, and who listens.
  private readonly watched = new Map<string, { cursor: string; listeners: Set<Listener> }>();
  private reader: Redis | null = null;
  private readerClientId: number | null = null;
  private isReading = false;
  // Bumped whenever a job starts being watched; a read started before it lacks that job's key.
  private generation = 0;
  private readGeneration = -1;
  private isBlocked = false;

  /** `commands`: a connection to the same Redis for CLIENT UNBLOCK (the process's shared one). */
  constructor(
    private readonly redisUrl: string,
    private readonly commands: () => Redis = getRedis,
    private readonly blockMs = BLOCK_MS,
  ) {}

  /** Hands `listener` every event of `jobId` the reader reads from now on. A job not watched yet is
   * read from `afterId`; one already watched from where the reader is, so the caller reads what it
   * missed before that itself (XRANGE) and drops what it already sent. */
  watch(jobId: string, afterId: string, listener: Listener): () => void {
    let entry = this.watched.get(jobId);
    if (!entry) {
      entry = { cursor: afterId, listeners: new Set() };
      this.watched.set(jobId, entry);
      this.generation++;
      void this.interruptRead();
    }
    entry.listeners.add(listener);
    void this.read();
    return () => {
      entry.listeners.delete(listener);
      if (entry.listeners.size === 0 && this.watched.get(jobId) === entry) this.watched.delete(jobId);
    };
  }

  /** Jobs watched now (for tests and logs). */
  get watchedJobCount(): number {
    return this.watched.size;
  }

  private connection(): Redis {
    if (!this.reader) {
      const reader = createRedis(this.redisUrl);
      // A reconnected socket is a new client with a new id.
      reader.on("close", () => (this.readerClientId = null));
      reader.on("error", () => undefined); // reported where a read fails
      this.reader = reader;
    }
    return this.reader;
  }

  private async read(): Promise<void> {
    if (this.isReading) return;
    this.isReading = true;
    let lastError = "";
    try {
      while (this.watched.size > 0) {
        const reader = this.connection();
        try {
          this.readerClientId ??= Number(await reader.client("ID"));
          const cursors = new Map([...this.watched].map(([jobId, entry]) => [jobId, entry.cursor]));
          this.readGeneration = this.generation;
          this.isBlocked = true;
          const found = await waitForManyJobEvents(reader, cursors, this.blockMs).finally(() => (this.isBlocked = false));
          lastError = "";
          for (const [jobId, events] of found) {
            const entry = this.watched.get(jobId);
            if (!entry || events.length === 0) continue;
            entry.cursor = events[events.length - 1]!.id;
            for (const listener of [...entry.listeners]) listener(events);
          }
        } catch (error) {
          // Redis away: streams stay open (their heartbeats go on) and the reader resumes from its
          // cursors, so nothing is lost. Logged once per outage, not once a second.
          const message = (error as Error).message;
          if (message !== lastError) console.error(`[sse] reading job events: ${message}`);
          lastError = message;
          await new Promise((resolve) => setTimeout(resolve, RETRY_AFTER_ERROR_MS));
        }
      }
    } finally {
      this.isReading = false;
    }
  }

  /** Ends a blocked XREAD that lacks a newly watched job (CLIENT UNBLOCK from the shared command
   * connection), so the job's events flow at once instead of after the block times out. */
  private async interruptRead(): Promise<void> {
    for (let attempt = 0; attempt < 50; attempt++) {
      if (!this.isReading || this.readGeneration >= this.generation) return;
      // The XREAD may not have reached Redis yet (two connections): try again shortly.
      if (this.isBlocked && this.readerClientId !== null) {
        try {
          if ((await this.commands().client("UNBLOCK", this.readerClientId)) === 1) return;
        } catch {
          return; // Redis away: the read fails and restarts by itself
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  async close(): Promise<void> {
    this.watched.clear();
    this.reader?.disconnect();
    this.reader = null;
  }
}

const globalForHub = globalThis as unknown as { loraboardJobEventHub?: JobEventHub };

/** The process's hub (kept on globalThis so that dev-mode module reloads do not add readers). */
export function getJobEventHub(): JobEventHub {
  globalForHub.loraboardJobEventHub ??= new JobEventHub(getWebEnv().REDIS_URL);
  return globalForHub.loraboardJobEventHub;
}
