// The evaluation runner's bookkeeping against the real Postgres, with the inference server's
// answers scripted (the real server is exercised in the serving and journey tests).
import { describe, expect, it } from "vitest";
import { getDb } from "@loraboard/db/server";
import { createDataset } from "../../../../tests/helpers/factories";
import { makeTopicRows, TOPIC_LABELS, TOPICS } from "../../../../tests/helpers/topic-dataset";
import { runEvaluation, type CompleteFn } from "./run-evaluation";

async function createEvaluationRow(datasetId: string, total: number) {
  return getDb().evaluation.create({ data: { model: "demo-tiny-zh", datasetId, split: "test", total } });
}

describe("runEvaluation", () => {
  it("asks every test row once, parses labels, and stores metrics whose confusion matrix sums to the split", async () => {
    const dataset = await createDataset(); // 60 rows: 6 in the test split
    const evaluation = await createEvaluationRow(dataset.id, 6);
    const prompts: string[] = [];
    // Says 积极 for rows whose sentence mentions 好, 消极 for 差, nonsense otherwise.
    const complete: CompleteFn = async ({ prompt, temperature, model }) => {
      expect(temperature).toBe(0);
      expect(model).toBe("demo-tiny-zh");
      prompts.push(prompt);
      return prompt.includes("好") ? " 积极" : prompt.includes("差") ? "消极。" : "嗯";
    };
    await runEvaluation({ db: getDb(), complete, concurrency: 3 }, evaluation.id);

    const finished = await getDb().evaluation.findUniqueOrThrow({ where: { id: evaluation.id } });
    expect(finished.status).toBe("succeeded");
    expect(finished.completed).toBe(6);
    expect(prompts).toHaveLength(6);
    // The server adds BOS itself: the template's literal <s> is not sent.
    expect(prompts[0]).toMatch(/^\[INST\] 请判断下面商品评论的情感（积极\/消极）：评论内容如下：\n.+ \[\/INST\]$/);
    const metrics = finished.metrics as { confusion: { matrix: number[][] }; accuracy: number; invalidRate: number };
    expect(metrics.confusion.matrix.flat().reduce((a, b) => a + b, 0)).toBe(6);
    const predictions = await getDb().prediction.findMany({ where: { evaluationId: evaluation.id }, orderBy: { index: "asc" } });
    expect(predictions).toHaveLength(6);
    for (const p of predictions) {
      // Stored as the label's text form (prisma/schema.prisma).
      expect(p.predicted).toBe(p.output.includes("积极") ? "1" : p.output.includes("消极") ? "0" : null);
    }
    const correct = predictions.filter((p) => p.predicted === p.label).length;
    expect(metrics.accuracy).toBeCloseTo(correct / 6);
    expect(finished.samplesPerSecond).toBeGreaterThan(0);
  });

  it("resumes without re-asking answered rows", async () => {
    const dataset = await createDataset();
    const evaluation = await createEvaluationRow(dataset.id, 6);
    const rows = await getDb().datasetRow.findMany({ where: { datasetId: dataset.id, split: "test" }, orderBy: { index: "asc" } });
    await getDb().prediction.createMany({
      data: rows.slice(0, 4).map((r) => ({ evaluationId: evaluation.id, index: r.index, sentence: r.sentence, label: r.label, predicted: r.label, output: "x" })),
    });
    await getDb().evaluation.update({ where: { id: evaluation.id }, data: { status: "running", completed: 4 } });
    const asked: string[] = [];
    await runEvaluation({ db: getDb(), complete: async ({ prompt }) => (asked.push(prompt), "积极"), concurrency: 2 }, evaluation.id);
    expect(asked).toHaveLength(2);
    const finished = await getDb().evaluation.findUniqueOrThrow({ where: { id: evaluation.id } });
    expect(finished.status).toBe("succeeded");
    expect(finished.completed).toBe(6);
  });

  it("retries transient failures, and fails clearly on a permanent one, keeping what was answered", async () => {
    const dataset = await createDataset();
    const flaky = await createEvaluationRow(dataset.id, 6);
    let calls = 0;
    const complete: CompleteFn = async () => {
      calls += 1;
      if (calls % 2 === 1) throw Object.assign(new Error("server busy"), { status: 503 });
      return "消极";
    };
    await runEvaluation({ db: getDb(), complete, concurrency: 1, retryDelaysMs: [1, 1, 1] }, flaky.id);
    expect((await getDb().evaluation.findUniqueOrThrow({ where: { id: flaky.id } })).status).toBe("succeeded");

    const broken = await createEvaluationRow(dataset.id, 6);
    let answered = 0;
    const refusing: CompleteFn = async () => {
      if (answered++ >= 2) throw Object.assign(new Error("max_tokens must be at least 1"), { status: 400 });
      return "积极";
    };
    await runEvaluation({ db: getDb(), complete: refusing, concurrency: 1, retryDelaysMs: [1] }, broken.id);
    const failed = await getDb().evaluation.findUniqueOrThrow({ where: { id: broken.id } });
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatchObject({ code: "inference_error" });
    expect((failed.error as { message: string }).message).toContain("max_tokens");
    expect(await getDb().prediction.count({ where: { evaluationId: broken.id } })).toBe(2);
  });

  it("shortens a sentence too long for the served context, never the template (issue 16 item 9)", async () => {
    // Row 9 is the first of the test split: a 5,000-character sentence in a 256-token context.
    const rows = Array.from({ length: 20 }, (_, index) => ({ sentence: index === 9 ? "很".repeat(5000) : `还行#${index}`, label: index % 2 }));
    const dataset = await createDataset({ rows });
    const evaluation = await createEvaluationRow(dataset.id, 2);
    const prompts: string[] = [];
    // As vLLM does: 400 when the prompt and max_tokens exceed the context (counting a token per byte).
    const complete: CompleteFn = async ({ prompt, maxTokens }) => {
      if (Buffer.byteLength(prompt) + maxTokens > 256) throw Object.assign(new Error("This model's maximum context length is 256 tokens"), { status: 400 });
      prompts.push(prompt);
      return "积极";
    };
    await runEvaluation({ db: getDb(), complete, concurrency: 1, servedContextLength: async () => 256 }, evaluation.id);
    const finished = await getDb().evaluation.findUniqueOrThrow({ where: { id: evaluation.id } });
    expect(finished.error).toBeNull();
    expect(finished.status).toBe("succeeded");
    const long = prompts.find((prompt) => prompt.includes("很很很"))!;
    expect(long).toMatch(/^\[INST\] 请判断下面商品评论的情感（积极\/消极）：评论内容如下：\n很+ \[\/INST\]$/);
    // The stored prediction keeps the whole sentence.
    const stored = await getDb().prediction.findFirstOrThrow({ where: { evaluationId: evaluation.id, index: 9 } });
    expect(stored.sentence).toHaveLength(5000);
  });

  it("waits out an unreachable server and a 404 of an adapter not yet reloaded (issue 16 item 9)", async () => {
    const dataset = await createDataset();
    const evaluation = await createEvaluationRow(dataset.id, 6);
    const failures = [
      Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:8000"), { status: undefined }),
      Object.assign(new Error("The model `a-v1` does not exist."), { status: 404 }),
      Object.assign(new Error("Bad gateway"), { status: 502 }),
    ];
    let calls = 0;
    const complete: CompleteFn = async () => {
      calls += 1;
      if (calls <= 6) throw failures[calls % failures.length];
      return "积极";
    };
    await runEvaluation({ db: getDb(), complete, concurrency: 1, retryDelaysMs: Array(8).fill(1) }, evaluation.id);
    const finished = await getDb().evaluation.findUniqueOrThrow({ where: { id: evaluation.id } });
    expect(finished.error).toBeNull();
    expect(finished.status).toBe("succeeded");
    expect(finished.completed).toBe(6);
  });
});

describe("runEvaluation with text labels (issue 15)", () => {
  it("parses any class's word and stores a 10×11 confusion matrix with per-class figures", async () => {
    // Topic by topic, so the factory's test rows (index % 10 == 9) are one of each topic.
    const rows = makeTopicRows(10).sort((a, b) => TOPIC_LABELS.indexOf(a.label) - TOPIC_LABELS.indexOf(b.label));
    const dataset = await createDataset({ name: "Topics", rows });
    const testRows = await getDb().datasetRow.findMany({ where: { datasetId: dataset.id, split: "test" }, orderBy: { index: "asc" } });
    const evaluation = await createEvaluationRow(dataset.id, testRows.length);
    // A base model answers with the dataset's default words (the labels): right from a keyword, except
    // 体育 rows are called 财经 and 军事 rows get no label word.
    const complete: CompleteFn = async ({ prompt }) => {
      const topic = TOPIC_LABELS.find((label) => TOPICS[label].some((word) => prompt.includes(word)))!;
      return topic === "体育" ? "财经。" : topic === "军事" ? "不知道" : ` ${topic}`;
    };
    await runEvaluation({ db: getDb(), complete, concurrency: 2 }, evaluation.id);

    const finished = await getDb().evaluation.findUniqueOrThrow({ where: { id: evaluation.id } });
    expect(finished.status).toBe("succeeded");
    const metrics = finished.metrics as {
      accuracy: number;
      invalidRate: number;
      perClass: Record<string, { precision: number; recall: number; support: number }>;
      confusion: { labels: string[]; matrix: number[][] };
    };
    expect(metrics.confusion.labels).toEqual([...TOPIC_LABELS, "invalid"]);
    expect(metrics.confusion.matrix).toHaveLength(10);
    expect(metrics.confusion.matrix.every((row) => row.length === 11)).toBe(true);
    const perTopic = testRows.length / 10;
    expect(metrics.confusion.matrix[0]![1]).toBe(perTopic); // 体育 read as 财经
    expect(metrics.confusion.matrix[9]![10]).toBe(perTopic); // 军事 invalid
    expect(metrics.accuracy).toBeCloseTo(8 / 10);
    expect(metrics.invalidRate).toBeCloseTo(1 / 10);
    expect(metrics.perClass["财经"]).toMatchObject({ precision: 0.5, recall: 1, support: perTopic });
    expect(metrics.perClass["体育"]).toMatchObject({ precision: 0, recall: 0, support: perTopic });
    const stored = await getDb().prediction.findFirstOrThrow({ where: { evaluationId: evaluation.id, label: "体育" } });
    expect(stored.predicted).toBe("财经");
  });
});
