// Which inference failures are worth waiting out, and for how long. A vLLM restart takes minutes on
// a large model, and an adapter is answered 404 until the worker's reconcile has loaded it again:
// both pass, so an evaluation waits them out instead of failing.

/** Delays between attempts, doubling from 1 s up to 30 s, that add up to at most `totalSeconds`. */
export function retryDelays(totalSeconds: number): number[] {
  const delays: number[] = [];
  let spent = 0;
  for (let delay = 1; spent + delay <= totalSeconds; delay = Math.min(30, delay * 2)) {
    delays.push(delay * 1000);
    spent += delay;
  }
  return delays;
}

/** About five minutes in all (INFERENCE_RETRY_SECONDS). */
export const DEFAULT_RETRY_DELAYS_MS = retryDelays(300);

/** No answer (connection refused, timeout), 404 (an adapter not yet reloaded), 408, 429, 5xx. */
export function isTransient(error: unknown) {
  const status = (error as { status?: number }).status;
  return status === undefined || status === 404 || status === 408 || status === 429 || status >= 500;
}

export async function withRetries<T>(delays: number[], action: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await action();
    } catch (error) {
      if (!isTransient(error) || attempt >= delays.length) throw error;
      await new Promise((resolve) => setTimeout(resolve, delays[attempt]));
    }
  }
}
