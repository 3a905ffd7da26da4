// Who did what (issue 16, item 5): the creator of datasets, jobs, evaluations and adapters is
// recorded and listed, and deletions, cancellations, account changes, token revocations and every
// change made with an admin's token or the API_TOKEN land in the audit log, which only admins read.
import { describe, expect, it } from "vitest";
import { getDb } from "@loraboard/db/server";
import { QueueName } from "@loraboard/queue";
import { getQueue } from "@loraboard/queue/server";
import { POST as createDatasetRoute, GET as listDatasetsRoute } from "@/app/api/datasets/route";
import { DELETE as deleteDatasetRoute } from "@/app/api/datasets/[id]/route";
import { POST as createJobRoute, GET as listJobsRoute } from "@/app/api/jobs/route";
import { POST as cancelJobRoute } from "@/app/api/jobs/[id]/cancel/route";
import { POST as createEvaluationRoute, GET as listEvaluationsRoute } from "@/app/api/evaluations/route";
import { GET as listAdaptersRoute } from "@/app/api/adapters/route";
import { PATCH as updateUserRoute } from "@/app/api/users/[id]/route";
import { DELETE as revokeTokenRoute } from "@/app/api/tokens/[id]/route";
import { GET as auditRoute } from "@/app/api/audit/route";
import { listApiTokens } from "@/features/accounts/server/api-tokens";
import { apiRequest, routeParams } from "../../../../../tests/helpers/api";
import { browserRequest, createTestAccount } from "../../../../../tests/helpers/accounts";
import { createDataset } from "../../../../../tests/helpers/factories";
import { createTrainingJobRow } from "../../../../../tests/helpers/training";

const json = { "content-type": "application/json" };
const auditEvents = () => getDb().auditEvent.findMany({ orderBy: { id: "asc" } });

describe("creators", () => {
  it("records who made datasets, jobs, evaluations and adapters, and shows them in the lists", async () => {
    const member = await createTestAccount("member");
    const form = new FormData();
    const rows = Array.from({ length: 40 }, (_, i) => ({ sentence: `评论 ${i} ${i % 2 ? "很好" : "很差"}`, label: i % 2 }));
    form.set("file", new File([JSON.stringify(rows)], "reviews.json"));
    const uploaded = await createDatasetRoute(apiRequest("/api/datasets", { method: "POST", body: form, token: member.token }), routeParams({}));
    expect(uploaded.status).toBe(201);
    const dataset = await uploaded.json();
    const creator = { id: member.id, name: "Test member", email: member.email };
    expect(dataset.createdBy).toEqual(creator);
    const datasets = await (await listDatasetsRoute(apiRequest("/api/datasets"), routeParams({}))).json();
    expect(datasets.items[0].createdBy).toEqual(creator);

    const body = JSON.stringify({ datasetId: dataset.id, baseModelId: "demo-tiny-zh" });
    const job = await (await createJobRoute(browserRequest("/api/jobs", member.cookie, { method: "POST", headers: json, body }), routeParams({}))).json();
    const jobs = await (await listJobsRoute(apiRequest("/api/jobs"), routeParams({}))).json();
    expect(jobs.items.find((item: { id: string }) => item.id === job.id).createdBy).toEqual(creator);

    const evaluationBody = JSON.stringify({ model: "demo-tiny-zh", datasetId: dataset.id, split: "test" });
    const created = await createEvaluationRoute(apiRequest("/api/evaluations", { method: "POST", headers: json, body: evaluationBody, token: member.token }), routeParams({}));
    expect(created.status).toBe(201);
    const evaluations = await (await listEvaluationsRoute(apiRequest("/api/evaluations"), routeParams({}))).json();
    expect(evaluations.items[0].createdBy).toEqual(creator);

    // The API_TOKEN is no account: what it makes has no creator.
    const anonymous = await createJobRoute(apiRequest("/api/jobs", { method: "POST", headers: json, body }), routeParams({}));
    expect((await anonymous.json()).createdBy).toBeNull();
    await getQueue(QueueName.train).obliterate({ force: true });
    await getQueue(QueueName.evaluate).obliterate({ force: true });
  });

  it("shows an adapter's creator (the worker credits it to the job's creator) in the adapter list", async () => {
    const member = await createTestAccount("member");
    const job = await createTrainingJobRow((await createDataset()).id);
    await getDb().adapter.create({ data: { name: job.adapterName, jobId: job.id, baseModelId: "demo-tiny-zh", path: "/nowhere", createdById: member.id } });
    const adapters = await (await listAdaptersRoute(apiRequest("/api/adapters"), routeParams({}))).json();
    expect(adapters.items[0].createdBy).toEqual({ id: member.id, name: "Test member", email: member.email });
  });
});

describe("audit log", () => {
  it("records deletions, cancellations, role changes and revocations with who did them", async () => {
    const member = await createTestAccount("member");
    const admin = await createTestAccount("admin");
    const dataset = await createDataset({ name: "to delete" });
    const deleted = await deleteDatasetRoute(browserRequest(`/api/datasets/${dataset.id}`, member.cookie, { method: "DELETE" }), routeParams({ id: dataset.id }));
    expect(deleted.status).toBe(204);

    const job = await createTrainingJobRow((await createDataset()).id);
    const cancelled = await cancelJobRoute(apiRequest(`/api/jobs/${job.id}/cancel`, { method: "POST", token: member.token }), routeParams({ id: job.id }));
    expect(cancelled.status).toBe(202);

    const patch = JSON.stringify({ role: "admin" });
    const promoted = await updateUserRoute(browserRequest(`/api/users/${member.id}`, admin.cookie, { method: "PATCH", headers: json, body: patch }), routeParams({ id: member.id }));
    expect(promoted.status).toBe(200);

    const tokenId = (await listApiTokens(admin.id))[0]!.id;
    const revoked = await revokeTokenRoute(browserRequest(`/api/tokens/${tokenId}`, admin.cookie, { method: "DELETE" }), routeParams({ id: tokenId }));
    expect(revoked.status).toBe(200);

    const events = await auditEvents();
    expect(events.map((event) => [event.action, event.actorEmail, event.via, event.targetId])).toEqual([
      ["dataset.delete", member.email, "session", dataset.id],
      ["job.cancel", member.email, "token", job.id],
      ["user.update", admin.email, "session", member.id],
      ["token.revoke", admin.email, "session", tokenId],
    ]);
    expect(events[0]!.details).toEqual({ name: "to delete" });
    expect(events[2]!.details).toEqual({ email: member.email, role: "admin" });
  });

  it("logs every change made with an admin's token or the API_TOKEN, not members' or reads", async () => {
    const member = await createTestAccount("member");
    const admin = await createTestAccount("admin");
    const dataset = await createDataset();
    const body = JSON.stringify({ datasetId: dataset.id, baseModelId: "demo-tiny-zh" });
    const post = (token?: string) => createJobRoute(apiRequest("/api/jobs", { method: "POST", headers: json, body, token }), routeParams({}));
    expect((await post(member.token)).status).toBe(201);
    expect((await post(admin.token)).status).toBe(201);
    expect((await post()).status).toBe(201); // the API_TOKEN
    const refused = await createJobRoute(apiRequest("/api/jobs", { method: "POST", headers: json, body: "{}", token: admin.token }), routeParams({}));
    expect(refused.status).toBe(422);
    await listJobsRoute(apiRequest("/api/jobs", { token: admin.token }), routeParams({}));

    const events = (await auditEvents()).filter((event) => event.action === "api.request");
    expect(events.map((event) => [event.via, event.actorEmail, event.targetId, event.details])).toEqual([
      ["token", admin.email, "POST /api/jobs", { status: 201 }],
      ["bootstrap", null, "POST /api/jobs", { status: 201 }],
      ["token", admin.email, "POST /api/jobs", { status: 422 }],
    ]);
    expect(events[0]!.tokenId).toBe((await listApiTokens(admin.id))[0]!.id);
    await getQueue(QueueName.train).obliterate({ force: true });
  });

  it("is read by admins only, newest first, filtered and paged", async () => {
    const member = await createTestAccount("member");
    const admin = await createTestAccount("admin");
    for (let i = 0; i < 3; i++) {
      const dataset = await createDataset({ name: `d${i}` });
      await deleteDatasetRoute(apiRequest(`/api/datasets/${dataset.id}`, { method: "DELETE", token: member.token }), routeParams({ id: dataset.id }));
    }
    expect((await auditRoute(apiRequest("/api/audit", { token: member.token }), routeParams({}))).status).toBe(403);

    const read = async (query: string) => (await auditRoute(browserRequest(`/api/audit?${query}`, admin.cookie), routeParams({}))).json();
    const first = await read("action=dataset.delete&limit=2");
    expect(first.items.map((event: { details: { name: string } }) => event.details.name)).toEqual(["d2", "d1"]);
    expect(first.items[0]).toMatchObject({ actorId: member.id, actorEmail: member.email, via: "token", targetType: "dataset" });
    const second = await read(`action=dataset.delete&limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((event: { details: { name: string } }) => event.details.name)).toEqual(["d0"]);
    expect(second.nextCursor).toBeNull();
    expect((await read(`actorId=${admin.id}`)).items).toEqual([]);
  });
});
