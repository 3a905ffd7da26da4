// `merge` consumer: folds one adapter into its base (the job id is the adapter id).
import type { Job } from "bullmq";
import type { MergeModelPayload } from "@loraboard/queue";
import { getDb } from "@loraboard/db/server";
import { mergeAdapterModel } from "../merging/merge-model";
import type { ConsumerContext } from "./index";

export async function processMergeJob(payload: MergeModelPayload, _job: Job, context: ConsumerContext) {
  return mergeAdapterModel({ db: getDb(), dataDir: context.env.DATA_DIR, pythonBin: context.env.PYTHON_BIN }, payload.adapterId);
}
