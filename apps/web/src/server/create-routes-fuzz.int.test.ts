// Property-based fuzzing of the routes that create rows from what a client sends: the dataset
// upload, new jobs, sweeps, evaluations and accounts. Thousands of malformed (and some valid) requests
// go through the real handlers against the real Postgres and Redis; each must answer below 500,
// and must either create exactly what it reports (201) or leave no row and no file behind.
// The seed is fixed so that CI is reproducible; FUZZ_SEED=<n> explores others, FUZZ_RUNS=<n>
// runs more (a failure prints its seed and the shrunk request).
import { existsSync } from "node:fs";
import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@loraboard/db/server";
import { QueueName } from "@loraboard/queue";
import { getQueue } from "@loraboard/queue/server";
import { POST as createDatasetRoute } from "@/app/api/datasets/route";
import { POST as createEvaluationRoute } from "@/app/api/evaluations/route";
import { GET as getDatasetRoute } from "@/app/api/datasets/[id]/route";
import { GET as datasetRowsRoute } from "@/app/api/datasets/[id]/rows/route";
import { GET as listDatasetsRoute } from "@/app/api/datasets/route";
import { GET as getEvaluationRoute } from "@/app/api/evaluations/[id]/route";
import { GET as predictionsRoute } from "@/app/api/evaluations/[id]/predictions/route";
import { GET as listEvaluationsRoute } from "@/app/api/evaluations/route";
import { GET as getJobRoute } from "@/app/api/jobs/[id]/route";
import { GET as jobLogsRoute } from "@/app/api/jobs/[id]/logs/route";
import { GET as jobMetricsRoute } from "@/app/api/jobs/[id]/metrics/route";
import { GET as listJobsRoute, POST as createJobRoute } from "@/app/api/jobs/route";
import { POST as createUserRoute } from "@/app/api/users/route";
import { POST as createSweepRoute } from "@/app/api/sweeps/route";
import { apiRequest, routeParams } from "../../../../tests/helpers/api";
import { createDataset } from "../../../../tests/helpers/factories";

// Every accepted job stays queued (no worker runs here): the per-account cap must not be what
// refuses them. Set before the first request reads the web settings.
process.env.MAX_ACTIVE_JOBS_PER_USER = "100000";

const SEED = Number(process.env.FUZZ_SEED ?? 20261130);
const RUNS = Number(process.env.FUZZ_RUNS ?? 0) || undefined;
const dataDir = () => process.env.DATA_DIR ?? "";

beforeEach(async () => {
  await rm(path.join(dataDir(), "datasets"), { recursive: true, force: true });
});
afterAll(async () => {
  // Valid requests enqueued jobs that no worker will run.
  await Promise.all([getQueue(QueueName.train).obliterate({ force: true }), getQueue(QueueName.evaluate).obliterate({ force: true })]);
});

/** Everything a create route could leave behind. */
async function storedState() {
  const db = getDb();
  const directory = path.join(dataDir(), "datasets");
  const [datasets, rows, jobs, evaluations, users, credentials, sweeps] = await Promise.all([
    db.dataset.count(),
    db.datasetRow.count(),
    db.trainingJob.count(),
    db.evaluation.count(),
    db.user.count(),
    db.account.count(),
    db.sweep.count(),
  ]);
  return {
    datasets, rows, jobs, evaluations, users, credentials, sweeps,
    directories: existsSync(directory) ? (await readdir(directory)).length : 0,
  };
}

// Strings that have broken servers before: NUL (Postgres text refuses it), lone surrogates, paths,
// SQL and template syntax, huge and tiny numbers as text, whitespace only, very long.
const nastyString = fc.constantFrom(
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\uD800",
  "\uDFFF\uD800",
  "../../../etc/passwd",
  "..\\..\\windows",
  "/dev/null",
  "'; DROP TABLE datasets; --",
  "{sentence}",
  "{sentence}{sentence}",
  "{{sentence}}",
  "NaN",
  "Infinity",
  "-1",
  "1e309",
  "0x10",
  "９",
  "\u202Eevil",
  "\r\n\r\n",
  "𝕬".repeat(300),
  "x".repeat(20_000),
);
const anyString = fc.oneof(nastyString, fc.string({ unit: "binary", maxLength: 60 }), fc.string({ maxLength: 60 }));
const anyValue = fc.oneof(
  { weight: 3, arbitrary: anyString },
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -0, 1, -1, 2 ** 31, 2 ** 53, Number.MAX_SAFE_INTEGER, 1e308, true, false, null),
  fc.jsonValue({ maxDepth: 2 }),
  fc.anything({ maxDepth: 2 }),
);
/** A JSON value most of the time, sometimes missing (undefined is dropped by JSON.stringify). */
const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined, freq: 4 });
/** Mostly a good value, so that requests get past the first check and reach the database. */
const mostly = <T, U>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<U>) => fc.oneof({ weight: 3, arbitrary: good }, { weight: 1, arbitrary: bad });

interface RawBody {
  kind: "raw";
  body: string | Uint8Array;
  contentType: string | undefined;
}
const rawBody: fc.Arbitrary<RawBody> = fc.record({
  kind: fc.constant("raw" as const),
  body: fc.oneof(fc.string({ unit: "binary", maxLength: 200 }), fc.uint8Array({ maxLength: 200 }), fc.json(), fc.constantFrom("", "{", "[]", "null", '{"a":')),
  contentType: fc.constantFrom(undefined, "application/json", "text/plain", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded"),
});

function jsonRequest(url: string, body: unknown) {
  if (typeof body === "object" && body !== null && (body as RawBody).kind === "raw") {
    const raw = body as RawBody;
    const headers = raw.contentType ? { "content-type": raw.contentType } : undefined;
    return apiRequest(url, { method: "POST", body: raw.body as BodyInit, headers });
  }
  return apiRequest(url, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } });
}

/** Runs the property and reports how many requests were sent. */
async function fuzz<T>(arbitrary: fc.Arbitrary<T>, numRuns: number, property: (value: T) => Promise<void>) {
  let count = 0;
  await fc.assert(
    fc.asyncProperty(arbitrary, async (value) => {
      count++;
      await property(value);
    }),
    { seed: SEED, numRuns: RUNS ?? numRuns, endOnFailure: true },
  );
  return count;
}

type StoredState = Awaited<ReturnType<typeof storedState>>;

/** Below 500; a 201 stored exactly what `created` expects, anything else stored nothing. */
async function expectOutcome(response: Response, before: StoredState, created: (after: StoredState, body: { id?: string; rowCount?: number }) => boolean) {
  const text = await response.text();
  expect(response.status, text).toBeLessThan(500);
  const body = JSON.parse(text) as { id?: string; rowCount?: number; error?: { code: string; message: string } };
  const after = await storedState();
  if (response.status === 201) {
    expect(created(after, body), `201 but stored ${JSON.stringify(before)} -> ${JSON.stringify(after)}`).toBe(true);
  } else {
    // Every refusal is the API's error shape and leaves everything as it was.
    expect(body.error?.code, text).toEqual(expect.any(String));
    expect(body.error?.message, text).toEqual(expect.any(String));
    expect(after, text).toEqual(before);
  }
  return { status: response.status, body };
}

describe("fuzzing the create routes: never a 5xx, never a partial row", () => {
  it("POST /api/jobs", async () => {
    const dataset = await createDataset();
    const noTrainRows = await createDataset({ name: "only two rows", rows: [{ sentence: "好", label: 1 }, { sentence: "差", label: 0 }] });
    await getDb().dataset.update({ where: { id: noTrainRows.id }, data: { splitCounts: { train: 0, val: 1, test: 1 } } });
    const hyperparameters = fc.dictionary(
      fc.oneof(
        fc.constantFrom("loraR", "loraAlpha", "loraDropout", "targetModules", "learningRate", "epochs", "batchSize"),
        fc.constantFrom("gradientAccumulationSteps", "maxLength", "evalSteps", "seed", "__proto__", "constructor"),
        fc.string({ maxLength: 10 }),
      ),
      fc.oneof(
        fc.integer({ min: -1, max: 70 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        anyValue,
        fc.array(mostly(fc.constantFrom("q_proj", "v_proj", "k_proj", "o_proj"), anyString), { maxLength: 4 }),
      ),
      { maxKeys: 5 },
    );
    const structured = fc.record({
      datasetId: maybe(mostly(fc.constantFrom(dataset.id, dataset.id, noTrainRows.id), anyValue)),
      baseModelId: maybe(mostly(fc.constant("demo-tiny-zh"), anyValue)),
      name: maybe(mostly(anyString, anyValue)),
      hyperparameters: maybe(mostly(hyperparameters, anyValue)),
      promptTemplate: maybe(mostly(anyString.map((s) => `${s}{sentence}`), anyValue)),
      labelWords: maybe(mostly(fc.record({ "0": anyString, "1": anyString }), anyValue)),
    });
    const input = fc.oneof({ weight: 6, arbitrary: structured }, { weight: 1, arbitrary: rawBody }, { weight: 1, arbitrary: anyValue });

    const statuses = new Map<number, number>();
    const runs = await fuzz(input, 1200, async (body) => {
      const before = await storedState();
      const response = await createJobRoute(jsonRequest("/api/jobs", body), routeParams({}));
      const { status, body: created } = await expectOutcome(response, before, (after) => after.jobs === before.jobs + 1);
      // A job row without its queue entry would never run: that would be a partial create too.
      if (status === 201) expect(await getQueue(QueueName.train).getJob(created.id!)).toBeTruthy();
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    });
    console.log(`[fuzz] POST /api/jobs: ${runs} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect(statuses.get(201)).toBeGreaterThan(0); // the generator reaches valid requests too
  }, 300_000);

  it("POST /api/sweeps", async () => {
    const dataset = await createDataset();
    // Mostly good lists of 1-3 values: a sweep needs every one of them right to be accepted.
    const nearly = <T,>(good: fc.Arbitrary<T>) => fc.oneof({ weight: 12, arbitrary: good }, { weight: 1, arbitrary: anyValue });
    const values = <T,>(good: fc.Arbitrary<T>) => maybe(nearly(fc.array(nearly(good), { minLength: 1, maxLength: 3 })));
    const input = fc.oneof(
      {
        weight: 6,
        arbitrary: fc.record({
          datasetId: nearly(fc.constant(dataset.id)),
          baseModelId: nearly(fc.constant("demo-tiny-zh")),
          name: maybe(nearly(fc.constantFrom("lr sweep", "扫参"))),
          hyperparameters: maybe(nearly(fc.constant({ epochs: 1, batchSize: 8, evalSteps: 2 }))),
          space: nearly(
            fc.record({
              // fast-check favours the first constants: the good ones come first.
              learningRate: values(fc.constantFrom(2e-3, 1e-4, 0.5, 0, 1)),
              loraR: values(fc.integer({ min: 1, max: 64 })),
              targetModules: values(fc.uniqueArray(nearly(fc.constantFrom("q_proj", "v_proj", "k_proj")), { minLength: 1, maxLength: 3 })),
              epochs: values(fc.constantFrom(1, 0.5, 2, 0, 101)),
            }),
          ),
          strategy: maybe(nearly(fc.constantFrom("grid", "random"))),
          samples: maybe(nearly(fc.integer({ min: -1, max: 20 }))),
          seed: maybe(nearly(fc.integer({ min: 0, max: 100 }))),
          metric: maybe(nearly(fc.constantFrom("valAccuracy", "evalLoss"))),
        }),
      },
      { weight: 1, arbitrary: rawBody },
      { weight: 1, arbitrary: anyValue },
    );

    const statuses = new Map<number, number>();
    // Fewer runs: an accepted sweep writes and enqueues up to 16 jobs.
    const runs = await fuzz(input, 400, async (body) => {
      const before = await storedState();
      const response = await createSweepRoute(jsonRequest("/api/sweeps", body), routeParams({}));
      const { status, body: created } = await expectOutcome(response, before, (after) => after.sweeps === before.sweeps + 1 && after.jobs > before.jobs);
      if (status === 201) {
        const jobs = await getDb().trainingJob.findMany({ where: { sweepId: created.id }, select: { id: true } });
        expect(jobs.length).toBeGreaterThanOrEqual(2);
        expect(jobs.length).toBeLessThanOrEqual(16);
        for (const job of jobs) expect(await getQueue(QueueName.train).getJob(job.id)).toBeTruthy();
      }
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    });
    console.log(`[fuzz] POST /api/sweeps: ${runs} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect(statuses.get(201)).toBeGreaterThan(0);
  }, 300_000);

  it("POST /api/evaluations", async () => {
    const dataset = await createDataset();
    const input = fc.oneof(
      {
        weight: 6,
        arbitrary: fc.record({
          model: maybe(mostly(fc.constant("demo-tiny-zh"), anyValue)),
          datasetId: maybe(mostly(fc.constant(dataset.id), anyValue)),
          split: maybe(mostly(fc.constantFrom("train", "val", "test"), anyValue)),
          fewShot: maybe(mostly(fc.integer({ min: -2, max: 20 }), anyValue)),
          limit: maybe(mostly(fc.integer({ min: -2, max: 2_000_000 }), anyValue)),
        }),
      },
      { weight: 1, arbitrary: rawBody },
      { weight: 1, arbitrary: anyValue },
    );

    const statuses = new Map<number, number>();
    const runs = await fuzz(input, 1200, async (body) => {
      const before = await storedState();
      const response = await createEvaluationRoute(jsonRequest("/api/evaluations", body), routeParams({}));
      const { status, body: created } = await expectOutcome(response, before, (after) => after.evaluations === before.evaluations + 1);
      if (status === 201) expect(await getQueue(QueueName.evaluate).getJob(created.id!)).toBeTruthy();
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    });
    console.log(`[fuzz] POST /api/evaluations: ${runs} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect(statuses.get(201)).toBeGreaterThan(0);
  }, 300_000);

  it("POST /api/users", async () => {
    // Addresses unique to this run (the test database keeps users between runs); the fuzz seed still
    // decides everything else.
    const run = Date.now().toString(36);
    let n = 0;
    const input = fc.oneof(
      {
        weight: 6,
        arbitrary: fc.record({
          name: maybe(mostly(fc.constantFrom("Ada", "Grace Hopper"), anyValue)),
          // A fresh address most of the time (a repeat must be a 409, not a second row).
          email: maybe(mostly(fc.constant(null).map(() => `fuzz-${run}-${n++}@example.com`), fc.oneof(anyValue, fc.constant(`fuzz-${run}-0@example.com`)))),
          password: maybe(mostly(fc.constant("correct horse battery"), anyValue)),
          role: maybe(mostly(fc.constantFrom("admin", "member"), anyValue)),
        }),
      },
      { weight: 1, arbitrary: rawBody },
      { weight: 1, arbitrary: anyValue },
    );

    const statuses = new Map<number, number>();
    // Fewer runs: every accepted one hashes a password (slow by design).
    const runs = await fuzz(input, 300, async (body) => {
      const before = await storedState();
      const response = await createUserRoute(jsonRequest("/api/users", body), routeParams({}));
      const { status } = await expectOutcome(
        response,
        before,
        (after) => after.users === before.users + 1 && after.credentials === before.credentials + 1,
      );
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    });
    console.log(`[fuzz] POST /api/users: ${runs} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect(statuses.get(201)).toBeGreaterThan(0);
  }, 300_000);

  it("POST /api/datasets (multipart upload)", async () => {
    const sentence = fc.oneof({ weight: 12, arbitrary: fc.string({ minLength: 1, maxLength: 30 }) }, { weight: 1, arbitrary: anyString });
    const label = fc.oneof({ weight: 40, arbitrary: fc.constantFrom(0, 1, "0", "1") }, { weight: 1, arbitrary: anyValue });
    const row = fc.oneof(
      { weight: 40, arbitrary: fc.record({ sentence, label }) },
      { weight: 1, arbitrary: fc.dictionary(fc.oneof(fc.constantFrom("sentence", "label", "text"), fc.string({ maxLength: 8 })), anyValue, { maxKeys: 3 }) },
      { weight: 1, arbitrary: anyValue },
    );
    const csvCell = fc.oneof(sentence, fc.constantFrom('"', '""', ",", "\n", "\r", "0", "1"));
    const content = fc.oneof(
      fc.array(row, { maxLength: 25 }).map((rows) => ({ text: JSON.stringify(rows), extension: ".json" })),
      fc.array(row, { maxLength: 25 }).map((rows) => ({ text: rows.map((r) => JSON.stringify(r) ?? "").join("\n"), extension: ".jsonl" })),
      fc
        .array(fc.array(csvCell, { minLength: 1, maxLength: 3 }), { maxLength: 25 })
        .map((lines) => ({ text: ["sentence,label", ...lines.map((cells) => cells.join(","))].join("\n"), extension: ".csv" })),
      fc.record({ text: fc.oneof(fc.string({ unit: "binary", maxLength: 300 }), fc.json()), extension: fc.constantFrom(".json", ".jsonl", ".csv", ".txt", "") }),
      fc.record({ text: fc.uint8Array({ maxLength: 300 }), extension: fc.constantFrom(".json", ".csv", "") }),
    );
    const file = fc.record({
      content,
      // The client's file name is only ever shown, never used in a path; nasty ones must not matter.
      stem: fc.oneof(fc.constant("reviews"), anyString.map((s) => s.slice(0, 200))),
    });
    const field = fc.option(
      fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom("0.1", "0.2", "0.05", "7", "42") },
        { weight: 1, arbitrary: fc.constantFrom("0.5", "0.9", "1", "0", "-0.1", "1.5", "abc") },
        { weight: 1, arbitrary: anyString },
      ),
      { nil: undefined, freq: 2 },
    );
    const upload = fc.record({
      file: fc.option(file, { nil: undefined, freq: 8 }),
      testFile: fc.option(file, { nil: undefined, freq: 1 }),
      // Sometimes the file arrives as a plain text field instead of a file part.
      fileAsText: fc.boolean(),
      fields: fc.record({ name: field, valFraction: field, testFraction: field, seed: field, extra: field }),
    });
    const input = fc.oneof({ weight: 8, arbitrary: upload }, { weight: 1, arbitrary: rawBody });

    const statuses = new Map<number, number>();
    const runs = await fuzz(input, 1200, async (value) => {
      let request: Request;
      if ("kind" in value) {
        request = jsonRequest("/api/datasets", value);
      } else {
        const form = new FormData();
        const part = (f: NonNullable<typeof value.file>) => new File([f.content.text as BlobPart], `${f.stem}${f.content.extension}`);
        if (value.file) {
          if (value.fileAsText && typeof value.file.content.text === "string") form.set("file", value.file.content.text);
          else form.set("file", part(value.file));
        }
        if (value.testFile) form.set("testFile", part(value.testFile));
        for (const [key, text] of Object.entries(value.fields)) if (text !== undefined) form.set(key, text);
        request = apiRequest("/api/datasets", { method: "POST", body: form });
      }
      const before = await storedState();
      const response = await createDatasetRoute(request, routeParams({}));
      const { status } = await expectOutcome(
        response,
        before,
        (after, created) =>
          after.datasets === before.datasets + 1 && after.rows === before.rows + created.rowCount! && after.directories === before.directories + 1,
      );
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    });
    console.log(`[fuzz] POST /api/datasets: ${runs} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect(statuses.get(201)).toBeGreaterThan(0);
  }, 300_000);
});

describe("fuzzing the read routes' query parameters and ids: never a 5xx", () => {
  it("GET lists and details with malformed query values and path ids", async () => {
    const dataset = await createDataset();
    type Route = (request: Request, context: { params: Promise<{ id: string }> }) => Promise<Response>;
    const lists: [string, Route, string[]][] = [
      ["/api/datasets", listDatasetsRoute as Route, ["limit", "cursor", "q"]],
      ["/api/jobs", listJobsRoute as Route, ["limit", "cursor", "status", "datasetId"]],
      ["/api/evaluations", listEvaluationsRoute as Route, ["limit", "datasetId", "split"]],
    ];
    const details: [string, Route, string[]][] = [
      ["/api/datasets/:id", getDatasetRoute as Route, []],
      ["/api/datasets/:id/rows", datasetRowsRoute as Route, ["split", "label", "offset", "limit", "q"]],
      ["/api/jobs/:id", getJobRoute as Route, []],
      ["/api/jobs/:id/metrics", jobMetricsRoute as Route, ["afterStep", "maxPoints"]],
      ["/api/jobs/:id/logs", jobLogsRoute as Route, ["afterId", "limit"]],
      ["/api/evaluations/:id", getEvaluationRoute as Route, []],
      ["/api/evaluations/:id/predictions", predictionsRoute as Route, ["filter", "q", "offset", "limit", "format"]],
    ];
    const routes = [...lists, ...details];
    const input = fc.record({
      route: fc.integer({ min: 0, max: routes.length - 1 }),
      id: mostly(fc.constant(dataset.id), anyString),
      query: fc.array(fc.tuple(fc.oneof(fc.constantFrom("limit", "cursor", "q", "datasetId", "offset", "split"), fc.string({ maxLength: 8 })), anyString), { maxLength: 4 }),
    });
    const statuses = new Map<number, number>();
    const runs = await fuzz(input, 800, async ({ route, id, query }) => {
      const [pattern, handler, names] = routes[route]!;
      const search = new URLSearchParams(query.map(([key, value], index) => [names[index % Math.max(1, names.length)] ?? key, value]));
      // The handler reads the id from its params, as Next.js decodes it; the URL only shows which.
      const url = `${pattern.replace(":id", "id")}?${search}`;
      const response = await handler(apiRequest(url), routeParams({ id }));
      const text = await response.text();
      expect(response.status, `${url} (id ${JSON.stringify(id)}): ${text}`).toBeLessThan(500);
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    });
    console.log(`[fuzz] GET routes: ${runs} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
  }, 300_000);
});
