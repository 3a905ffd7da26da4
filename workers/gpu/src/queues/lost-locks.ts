// Which jobs this worker no longer holds. BullMQ renews each active job's lock every 15 s; when a
// renewal is refused (the lock expired while Redis was away, and another worker may already have
// the job) it emits `lockRenewalFailed`. A training job listening here stops its trainer.
export class LostLocks {
  private readonly listeners = new Map<string, Set<() => void>>();

  /** Calls `listener` if this worker loses `jobId`'s lock; returns the function that stops watching. */
  watch(jobId: string, listener: () => void): () => void {
    const set = this.listeners.get(jobId) ?? new Set();
    set.add(listener);
    this.listeners.set(jobId, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(jobId);
    };
  }

  report(jobIds: string[]) {
    for (const jobId of jobIds) for (const listener of this.listeners.get(jobId) ?? []) listener();
  }
}
