// `evaluate` consumer: runs one Evaluation row against the inference server.
import type { Job } from "bullmq";
import type { EvaluateJobPayload } from "@loraboard/queue";
import { runEvaluation } from "../evaluation/run-evaluation";
import type { ConsumerContext } from "./index";

export async function processEvaluateJob(payload: EvaluateJobPayload, _job: Job, context: ConsumerContext) {
  await runEvaluation(context.evaluation, payload.evaluationId);
}
