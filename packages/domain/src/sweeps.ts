// A sweep's search space becomes the hyperparameter sets of its jobs: every combination of the
// listed values (grid), or a seeded sample of distinct combinations (random). Pure, so the form
// shows the job count as the user types and the API makes exactly those jobs.

/** The most jobs one sweep makes: a sweep shares the queue (and the GPUs) with everyone's jobs. */
export const MAX_SWEEP_JOBS = 16;
/** Fewer would be a job, not a sweep. */
export const MIN_SWEEP_JOBS = 2;

/** The hyperparameters a sweep varies, each with the values to try (in the API's flat names). */
export interface SweepSpaceValues {
  learningRate?: number[];
  loraR?: number[];
  targetModules?: string[][];
  epochs?: number[];
}
export type SweepDimension = keyof SweepSpaceValues;
export const SWEEP_DIMENSIONS: readonly SweepDimension[] = ["learningRate", "loraR", "targetModules", "epochs"];

export type SweepStrategy = "grid" | "random";

export interface SweepPlan {
  strategy: SweepStrategy;
  /** Random: how many distinct combinations to draw (all of them when the grid is smaller). */
  samples?: number;
  /** Random: the same seed draws the same combinations. */
  seed?: number;
}

export type SweepOverrides = { learningRate?: number; loraR?: number; targetModules?: string[]; epochs?: number };

export interface SweepIssue {
  field: string;
  message: string;
}

/** The dimensions that are given at least one value, in a fixed order. */
function dimensionsOf(space: SweepSpaceValues): [SweepDimension, unknown[]][] {
  return SWEEP_DIMENSIONS.flatMap((key) => {
    const values = space[key];
    return values && values.length > 0 ? [[key, values as unknown[]] as [SweepDimension, unknown[]]] : [];
  });
}

/** Combinations in the full grid. */
export function gridSize(space: SweepSpaceValues): number {
  return dimensionsOf(space).reduce((size, [, values]) => size * values.length, 1);
}

/** How many jobs the plan makes (before the cap is checked). */
export function countSweepJobs(space: SweepSpaceValues, plan: SweepPlan): number {
  const size = dimensionsOf(space).length === 0 ? 0 : gridSize(space);
  return plan.strategy === "random" ? Math.min(size, plan.samples ?? size) : size;
}

/** What keeps the plan from being a sweep: too few or too many jobs, each naming what to change. */
export function sweepPlanIssues(space: SweepSpaceValues, plan: SweepPlan): SweepIssue[] {
  const count = countSweepJobs(space, plan);
  if (count < MIN_SWEEP_JOBS) {
    return [{ field: "space", message: `A sweep needs at least ${MIN_SWEEP_JOBS} different sets of hyperparameters: give one of them a second value.` }];
  }
  if (count > MAX_SWEEP_JOBS) {
    const remedy = plan.strategy === "grid" ? `remove values, or use the random strategy with at most ${MAX_SWEEP_JOBS} samples` : `ask for at most ${MAX_SWEEP_JOBS} samples`;
    return [{ field: plan.strategy === "grid" ? "space" : "samples", message: `This sweep makes ${count} jobs; a sweep makes at most ${MAX_SWEEP_JOBS}: ${remedy}.` }];
  }
  return [];
}

/** mulberry32: a small seeded generator, the same sequence in every browser and on the server. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The combination at `index` of the grid (the last dimension varies fastest). */
function combinationAt(dimensions: [SweepDimension, unknown[]][], index: number): SweepOverrides {
  const overrides: Record<string, unknown> = {};
  let rest = index;
  for (let d = dimensions.length - 1; d >= 0; d--) {
    const [key, values] = dimensions[d]!;
    overrides[key] = values[rest % values.length];
    rest = Math.floor(rest / values.length);
  }
  return Object.fromEntries(dimensions.map(([key]) => [key, overrides[key]])) as SweepOverrides;
}

/**
 * The hyperparameters each job overrides, in job order. Grid: every combination; random: `samples`
 * distinct combinations drawn with `seed` (a partial Fisher-Yates shuffle of the grid's indices).
 * Throws when the plan has issues (sweepPlanIssues): check those first.
 */
export function expandSweep(space: SweepSpaceValues, plan: SweepPlan): SweepOverrides[] {
  const issues = sweepPlanIssues(space, plan);
  if (issues.length > 0) throw new Error(issues[0]!.message);
  const dimensions = dimensionsOf(space);
  const size = gridSize(space);
  if (plan.strategy === "grid") return Array.from({ length: size }, (_, index) => combinationAt(dimensions, index));
  const count = countSweepJobs(space, plan);
  const random = seededRandom(plan.seed ?? 0);
  // Only the swapped positions are stored: the grid can be far larger than the sample.
  const swapped = new Map<number, number>();
  const picked: number[] = [];
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(random() * (size - i));
    const atJ = swapped.get(j) ?? j;
    swapped.set(j, swapped.get(i) ?? i);
    picked.push(atJ);
  }
  return picked.map((index) => combinationAt(dimensions, index));
}

/** A short name for a job of a sweep: the values it tries ("lr 0.002 · r 8 · q_proj+v_proj"). */
export function describeOverrides(overrides: SweepOverrides): string {
  const parts: string[] = [];
  if (overrides.learningRate !== undefined) parts.push(`lr ${overrides.learningRate}`);
  if (overrides.loraR !== undefined) parts.push(`r ${overrides.loraR}`);
  if (overrides.targetModules !== undefined) parts.push(overrides.targetModules.join("+"));
  if (overrides.epochs !== undefined) parts.push(`${overrides.epochs} ep`);
  return parts.join(" · ");
}
