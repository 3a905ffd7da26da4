// `evaluate` consumer: runs one Evaluation row against the inference server.
import type { EvaluateJobPayload } from "@loraboard/queue";
import type { ConsumerContext } from "./index";

export async function processEvaluateJob(payload: EvaluateJobPayload, _job: unknown, _context: ConsumerContext) {
  throw new Error(`evaluation ${payload.evaluationId}: the evaluation runner is not built yet`);
}
