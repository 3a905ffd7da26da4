import { describe, expect, it } from "vitest";
import { SMOLLM2_LABEL_WORDS, SMOLLM2_PROMPT_TEMPLATE } from "@loraboard/contracts";
import { resolvePrompting, type EvaluationWithAdapter } from "./prompting";

// A base-model evaluation row: no adapter, no words or template of its own.
const baseModelEvaluation = { promptTemplate: null, labelWords: null, adapter: null } as unknown as EvaluationWithAdapter;

describe("what a base-model evaluation asks with", () => {
  it("uses the base model's recommended words when they fit the dataset's classes (SmolLM2 answers Positive/Negative)", () => {
    const prompting = resolvePrompting(baseModelEvaluation, { promptTemplate: SMOLLM2_PROMPT_TEMPLATE, labelWords: SMOLLM2_LABEL_WORDS }, [0, 1]);
    expect(prompting).toEqual({ template: SMOLLM2_PROMPT_TEMPLATE, labelWords: { "0": "Negative", "1": "Positive" } });
  });

  it("falls back to the dataset's default words when the model's do not fit its classes", () => {
    const prompting = resolvePrompting(baseModelEvaluation, { promptTemplate: null, labelWords: SMOLLM2_LABEL_WORDS }, ["sports", "news", "tech"]);
    expect(prompting.labelWords).toEqual({ sports: "sports", news: "news", tech: "tech" });
  });

  it("keeps 消极/积极 for a 0/1 dataset on a model without recommended words", () => {
    expect(resolvePrompting(baseModelEvaluation, { promptTemplate: null, labelWords: null }, [0, 1]).labelWords).toEqual({ "0": "消极", "1": "积极" });
  });
});
