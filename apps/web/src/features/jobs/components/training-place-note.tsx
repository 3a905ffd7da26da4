"use client";
// Where a new job will train and how, from the live workers (GET /api/workers): on a GPU the worker
// replaces the batch layout with its measured recipe (@loraboard/domain gpu-recipe.ts), so the form
// says which one and how fast it ran, instead of leaving it to the job's logs.
import type { Hyperparameters } from "@loraboard/contracts";
import { GPU_RECIPE_SPEED, summarizeGpuRecipe, trainingPlace } from "@loraboard/domain";
import { useWorkers } from "@/hooks/use-workers";

function formatMinutes(minutes: number): string {
  if (minutes < 1) return "under a minute";
  if (minutes < 90) return `about ${Math.round(minutes)} min`;
  return `about ${(minutes / 60).toFixed(1)} h`;
}

function GpuRecipe({ hyperparameters, trainRows }: { hyperparameters: Hyperparameters | null; trainRows: number | null }) {
  if (!hyperparameters || !trainRows) {
    return <p>Pick a dataset and fix the hyperparameters to see the GPU recipe this job would run.</p>;
  }
  const summary = summarizeGpuRecipe(hyperparameters, trainRows);
  const reviews = Math.round(trainRows * hyperparameters.epochs);
  const vsTutorial = summary.reviewsPerSecond / GPU_RECIPE_SPEED.tutorialReviewsPerSecond;
  return (
    <p>
      <span className="font-medium text-slate-800">GPU recipe:</span> {summary.recipe}. Measured{" "}
      <span data-testid="gpu-reviews-per-second">{summary.reviewsPerSecond} reviews/s</span>
      {summary.measuredWith && ` (${summary.measuredWith})`} with {GPU_RECIPE_SPEED.model} on{" "}
      {GPU_RECIPE_SPEED.gpu} ({vsTutorial.toFixed(1)}× the tutorial&apos;s loop): {formatMinutes(summary.minutesFor7b)} of training for
      this job&apos;s {reviews.toLocaleString("en")} reviews on a 7B model; smaller models train faster.
    </p>
  );
}

export function TrainingPlaceNote({ hyperparameters, trainRows }: { hyperparameters: Hyperparameters | null; trainRows: number | null }) {
  const workers = useWorkers();
  let body: React.ReactNode;
  if (workers.isPending) {
    body = <p>Checking which workers are running…</p>;
  } else if (workers.isError) {
    body = <p>The workers could not be listed ({workers.error.message}); the job can still be started.</p>;
  } else {
    const items = workers.data.items;
    const gpus = items.reduce((sum, worker) => sum + worker.gpus, 0);
    switch (trainingPlace(items)) {
      case "no-worker":
        body = <p>No worker is running: the job will wait in the queue until one starts.</p>;
        break;
      case "cpu":
        body = (
          <p>
            On the CPU: {items.length === 1 ? "the live worker runs" : `all ${items.length} live workers run`} without GPUs, so the job trains
            with the hyperparameters as set (padded batches).
          </p>
        );
        break;
      case "gpu":
        body = (
          <>
            <p>On a GPU: {items.length === 1 ? "the live worker has" : `the ${items.length} live workers have`} {gpus} GPU{gpus === 1 ? "" : "s"}.</p>
            <GpuRecipe hyperparameters={hyperparameters} trainRows={trainRows} />
          </>
        );
        break;
      case "gpu-or-cpu":
        body = (
          <>
            <p>On a GPU or a CPU, whichever live worker takes it first ({gpus} GPU{gpus === 1 ? "" : "s"} among {items.length} workers); on a CPU worker it trains with the hyperparameters as set (padded batches).</p>
            <GpuRecipe hyperparameters={hyperparameters} trainRows={trainRows} />
          </>
        );
        break;
    }
  }
  return (
    <section aria-labelledby="training-place-title" data-testid="training-place" className="space-y-1 rounded-lg border border-slate-200 bg-slate-50 p-4 text-sm text-slate-600">
      <h3 id="training-place-title" className="font-medium text-slate-900">
        Where it trains
      </h3>
      {body}
    </section>
  );
}
