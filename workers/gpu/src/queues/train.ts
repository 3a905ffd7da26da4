// `train` consumer: runs the Python trainer for one TrainingJob row.
import type { Job } from "bullmq";
import type { TrainJobPayload } from "@loraboard/queue";
import { runTrainingJob } from "../training/run-training-job";
import type { ConsumerContext } from "./index";

export async function processTrainJob(payload: TrainJobPayload, job: Job, context: ConsumerContext, token?: string) {
  await runTrainingJob(context.training, payload.trainingJobId, job, token);
}
