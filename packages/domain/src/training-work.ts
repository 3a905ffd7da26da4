// How much work a job may ask for, checked when it is created (POST /api/jobs) so that a job that
// would run for days, or spend its time evaluating, is refused with the field to change rather
// than failing or hogging the GPU later.

/** Examples trained in all (epochs × train rows): about 4 hours on one H200 at the measured
 * 134 reviews/s of a 7B model (docs/performance.md), days on a CPU. */
export const MAX_TRAINED_EXAMPLES = 2_000_000;
/** Evaluation passes over the validation split in one job (total steps / evalSteps). */
export const MAX_EVALUATIONS = 500;

export interface TrainingWork {
  epochs: number;
  batchSize: number;
  gradientAccumulationSteps: number;
  evalSteps: number;
}

export interface WorkIssue {
  field: string;
  message: string;
}

/** Optimizer steps of the whole job, as the trainer counts them (partial last batch included). */
export function totalTrainingSteps(work: TrainingWork, trainRows: number): number {
  const stepsPerEpoch = Math.ceil(trainRows / (work.batchSize * work.gradientAccumulationSteps));
  return Math.max(1, Math.ceil(stepsPerEpoch * work.epochs));
}

/** What is wrong with the work a job asks for, each issue naming the hyperparameter to change. */
export function trainingWorkIssues(work: TrainingWork, split: { trainRows: number; valRows: number }): WorkIssue[] {
  const issues: WorkIssue[] = [];
  const examples = work.epochs * split.trainRows;
  if (examples > MAX_TRAINED_EXAMPLES) {
    const maxEpochs = Math.floor((MAX_TRAINED_EXAMPLES / split.trainRows) * 100) / 100;
    issues.push({
      field: "hyperparameters.epochs",
      message:
        `${work.epochs} epochs of ${split.trainRows.toLocaleString("en")} training rows is ${Math.round(examples).toLocaleString("en")} examples, ` +
        `more than the ${MAX_TRAINED_EXAMPLES.toLocaleString("en")} a job may train: use at most ${maxEpochs} epochs, or a smaller dataset.`,
    });
  }
  const steps = totalTrainingSteps(work, split.trainRows);
  if (split.valRows > 0 && steps / work.evalSteps > MAX_EVALUATIONS) {
    issues.push({
      field: "hyperparameters.evalSteps",
      message:
        `evalSteps ${work.evalSteps} evaluates ${Math.floor(steps / work.evalSteps).toLocaleString("en")} times in this job's ${steps.toLocaleString("en")} steps, ` +
        `more than ${MAX_EVALUATIONS}: use evalSteps of at least ${Math.ceil(steps / MAX_EVALUATIONS)}.`,
    });
  }
  return issues;
}
