// A few routes still validate with schemas declared next to their handlers (apps/web/src/features);
// the OpenAPI document describes them with the copies in packages/contracts. Until the routes import
// the contract schemas, this keeps each pair identical.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  BaseModelPreviewBody,
  BaseModelPreviewResponse,
  EvaluationListQuery,
  JobListQuery,
  toJsonSchema,
} from "@loraboard/contracts";
import { PreviewExampleBody, PreviewExampleResponse } from "@/features/jobs/preview-schema";

describe("contract copies of route-local schemas", () => {
  it("match the prompt preview's schemas", () => {
    expect(toJsonSchema(BaseModelPreviewBody, "input")).toEqual(toJsonSchema(PreviewExampleBody, "input"));
    expect(toJsonSchema(BaseModelPreviewResponse, "output")).toEqual(toJsonSchema(PreviewExampleResponse, "output"));
  });

  it("match the list queries of jobs and evaluations", async () => {
    const jobs = await import("@/features/jobs/server/query-jobs");
    const evaluations = await import("@/features/evaluations/server/evaluations");
    expect(toJsonSchema(JobListQuery, "input")).toEqual(toJsonSchema(jobs.ListJobsQuery as z.ZodType, "input"));
    expect(toJsonSchema(EvaluationListQuery, "input")).toEqual(toJsonSchema(evaluations.ListEvaluationsQuery as z.ZodType, "input"));
  });
});
