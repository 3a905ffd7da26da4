import { describe, expect, it } from "vitest";
import { HYPERPARAMETER_PRESETS } from "@loraboard/contracts";
import { initialFormState, matchingPreset, validateJobForm } from "./job-form";

const valid = { ...initialFormState("demo-tiny-zh"), datasetId: "ds1" };

describe("validateJobForm", () => {
  it("starts from the cpu-demo preset for the demo model and the tutorial recipe otherwise", () => {
    expect(matchingPreset(initialFormState("demo-tiny-zh"))).toBe("cpu-demo");
    expect(matchingPreset(initialFormState("llama-2-7b"))).toBe("tutorial");
    expect(initialFormState("llama-2-7b").hyperparameters.learningRate).toBe(String(HYPERPARAMETER_PRESETS.tutorial.values.learningRate));
  });

  it("accepts a complete form and builds the API body", () => {
    const { body, errors } = validateJobForm(valid);
    expect(errors).toEqual({});
    expect(body).toMatchObject({ datasetId: "ds1", baseModelId: "demo-tiny-zh", hyperparameters: { learningRate: 2e-3, epochs: HYPERPARAMETER_PRESETS["cpu-demo"].values.epochs } });
  });

  it("keys messages by the API's dotted field names", () => {
    const { body, errors } = validateJobForm({
      ...valid,
      datasetId: "",
      hyperparameters: { ...valid.hyperparameters, learningRate: "0", batchSize: "" },
      promptTemplate: "no placeholder",
      labelWords: { "0": "消极", "1": "消极" },
    }, [0, 1]);
    expect(body).toBeNull();
    expect(errors.datasetId).toBe("pick a dataset");
    expect(errors["hyperparameters.learningRate"]).toMatch(/above 0/);
    expect(errors["hyperparameters.batchSize"]).toBe("Batch size must be a number");
    expect(errors.promptTemplate).toBe("the prompt template must contain {sentence}");
    expect(errors["labelWords.1"]).toBe("the two label words must differ");
  });

  it("refuses a template with {sentence} twice, as the trainer would", () => {
    expect(validateJobForm({ ...valid, promptTemplate: "{sentence} {sentence}" }).errors.promptTemplate).toMatch(/only once/);
  });
});
