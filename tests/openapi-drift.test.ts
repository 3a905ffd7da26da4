// The prompt preview still validates with schemas declared next to their handlers (apps/web/src/features);
// the OpenAPI document describes it with the copies in packages/contracts. Until the route imports
// them, this keeps the pair identical. (The job and evaluation list queries now come from contracts.)
import { describe, expect, it } from "vitest";
import {
  BaseModelPreviewBody,
  BaseModelPreviewResponse,
  toJsonSchema,
} from "@loraboard/contracts";
import { PreviewExampleBody, PreviewExampleResponse } from "@/features/jobs/preview-schema";

describe("contract copies of route-local schemas", () => {
  it("match the prompt preview's schemas", () => {
    expect(toJsonSchema(BaseModelPreviewBody, "input")).toEqual(toJsonSchema(PreviewExampleBody, "input"));
    expect(toJsonSchema(BaseModelPreviewResponse, "output")).toEqual(toJsonSchema(PreviewExampleResponse, "output"));
  });

});
