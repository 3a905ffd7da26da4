// `train` consumer: runs the Python trainer for one TrainingJob row.
import type { TrainJobPayload } from "@loraboard/queue";
import type { ConsumerContext } from "./index";

export async function processTrainJob(payload: TrainJobPayload, _job: unknown, _context: ConsumerContext) {
  throw new Error(`training job ${payload.trainingJobId}: the trainer runner is not built yet`);
}
