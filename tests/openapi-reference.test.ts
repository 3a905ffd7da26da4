// The API reference page's model of the OpenAPI document: groups, resolved schemas, curl commands.
import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/server/routes";
import { groupOperations } from "@/features/api-reference/operations";

const groups = groupOperations(openApiDocument());
const find = (method: string, path: string) =>
  groups.flatMap((group) => group.operations).find((op) => op.method === method && op.path === path)!;

describe("the API reference", () => {
  it("groups every operation under its tag", () => {
    expect(groups.map((group) => group.tag)).toEqual(
      expect.arrayContaining(["Health", "Datasets", "Jobs", "Adapters", "Playground", "Evaluations"]),
    );
    expect(groups.find((group) => group.tag === "Jobs")!.operations.length).toBeGreaterThanOrEqual(8);
  });

  it("writes curl commands with the bearer token, JSON bodies and multipart files", () => {
    expect(find("get", "/api/health").curl).toBe('curl "http://localhost:3000/api/health"');
    const createJob = find("post", "/api/jobs");
    expect(createJob.requestBody?.schemaName).toBe("CreateJobBody");
    expect(createJob.curl).toContain('-H "Authorization: Bearer $API_TOKEN"');
    expect(createJob.curl).toContain("-d '{\"datasetId\":");
    const upload = find("post", "/api/datasets").curl;
    expect(upload).toContain('-F "file=@reviews.jsonl"');
    expect(upload).not.toContain("testFile");
    expect(find("get", "/api/jobs/{id}/events").curl).toContain("-N");
    expect(find("post", "/api/adapters/{id}/load").curl).toContain('"http://localhost:3000/api/adapters/<id>/load"');
  });

  it("shows the event data schema of the streams", () => {
    const events = find("get", "/api/jobs/{id}/events").responses.find((r) => r.status === "200")!;
    expect(events.contents).toEqual([expect.objectContaining({ contentType: "text/event-stream", schemaName: "JobLiveEvent" })]);
  });
});
