import { describe, expect, it } from "vitest";
import { HYPERPARAMETER_PRESETS, Hyperparameters, type Job } from "@loraboard/contracts";
import { BEST_MODEL_METRICS, formStateFromJob, initialFormState, matchingPreset, validateJobForm } from "./job-form";

const valid = { ...initialFormState("demo-tiny-zh"), datasetId: "ds1" };

describe("validateJobForm", () => {
  it("starts from the cpu-demo preset for the demo model and the tutorial recipe otherwise", () => {
    expect(matchingPreset(initialFormState("demo-tiny-zh"))).toBe("cpu-demo");
    expect(matchingPreset(initialFormState("llama-2-7b"))).toBe("tutorial");
    expect(initialFormState("llama-2-7b").hyperparameters.learningRate).toBe(String(HYPERPARAMETER_PRESETS.tutorial.values.learningRate));
  });

  it("starts from a base model's own preset, prompt template and label words", () => {
    const smollm2 = { id: "smollm2-135m-instruct", preset: "smollm2-cpu", promptTemplate: "Q: {sentence}\nA:", labelWords: { "0": "negative", "1": "positive" } };
    const state = initialFormState(smollm2);
    expect(matchingPreset(state)).toBe("smollm2-cpu");
    expect(state).toMatchObject({ baseModelId: smollm2.id, promptTemplate: smollm2.promptTemplate, labelWords: smollm2.labelWords });
    // An unknown preset name falls back to what presets.json measured on the model, then the tutorial.
    expect(matchingPreset(initialFormState({ id: "demo-tiny-zh", preset: "gone" }))).toBe("cpu-demo");
    expect(matchingPreset(initialFormState({ id: "other", preset: null }))).toBe("tutorial");
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

  it("carries a preset's adapted blocks and compile option into the body; changing them makes the form custom", () => {
    const smollm2 = initialFormState({ id: "smollm2-135m-instruct", preset: "smollm2-cpu" });
    const preset = HYPERPARAMETER_PRESETS["smollm2-cpu"].values;
    expect(preset.loraTopLayers).not.toBeNull();
    expect(smollm2).toMatchObject({ loraTopLayers: String(preset.loraTopLayers), torchCompile: preset.torchCompile });
    const body = validateJobForm({ ...smollm2, datasetId: "ds1" }).body;
    expect(body?.hyperparameters).toMatchObject({ loraTopLayers: preset.loraTopLayers, torchCompile: preset.torchCompile });
    expect(matchingPreset({ ...smollm2, loraTopLayers: "" })).toBeNull();
    expect(matchingPreset({ ...smollm2, torchCompile: !preset.torchCompile })).toBeNull();
    // every block and no compilation unless a preset says otherwise
    expect(valid).toMatchObject({ loraTopLayers: "", torchCompile: false });
    expect(validateJobForm(valid).body?.hyperparameters).toMatchObject({ loraTopLayers: null, torchCompile: false });
    expect(validateJobForm({ ...valid, loraTopLayers: "ten" }).errors["hyperparameters.loraTopLayers"]).toMatch(/whole number of blocks/);
    expect(validateJobForm({ ...valid, loraTopLayers: "0" }).errors["hyperparameters.loraTopLayers"]).toMatch(/from 1 to 1024/);
  });

  it("refuses a template with {sentence} twice, as the trainer would", () => {
    expect(validateJobForm({ ...valid, promptTemplate: "{sentence} {sentence}" }).errors.promptTemplate).toMatch(/only once/);
  });

  it("picks the best checkpoint by validation accuracy with early stopping off unless told otherwise (issue 17)", () => {
    expect(valid).toMatchObject({ metricForBestModel: "eval_accuracy", earlyStoppingPatience: "" });
    expect(validateJobForm(valid).body?.hyperparameters).toMatchObject({ metricForBestModel: "eval_accuracy", earlyStoppingPatience: null });
    expect(BEST_MODEL_METRICS.map((metric) => metric.value)).toEqual(["eval_accuracy", "eval_macro_f1", "eval_loss"]);

    const chosen = validateJobForm({ ...valid, metricForBestModel: "eval_loss", earlyStoppingPatience: " 3 " });
    expect(chosen.errors).toEqual({});
    expect(chosen.body?.hyperparameters).toMatchObject({ metricForBestModel: "eval_loss", earlyStoppingPatience: 3 });
    // They belong to no preset: the preset still matches.
    expect(matchingPreset({ ...valid, earlyStoppingPatience: "3" })).toBe("cpu-demo");
  });

  it("refuses a patience that is not a whole number of evaluations, with the API's message", () => {
    expect(validateJobForm({ ...valid, earlyStoppingPatience: "soon" }).errors["hyperparameters.earlyStoppingPatience"]).toMatch(/whole number/);
    expect(validateJobForm({ ...valid, earlyStoppingPatience: "0" }).errors["hyperparameters.earlyStoppingPatience"]).toBe(
      "earlyStoppingPatience must be an integer from 1 to 1000 or null",
    );
    expect(validateJobForm({ ...valid, earlyStoppingPatience: "2.5" }).body).toBeNull();
  });

  it("clones a job's metric and patience", () => {
    const hyperparameters = Hyperparameters.parse({ ...HYPERPARAMETER_PRESETS["cpu-demo"].values, metricForBestModel: "eval_macro_f1", earlyStoppingPatience: 4 });
    const job = { name: "j", datasetId: "ds1", baseModelId: "demo-tiny-zh", hyperparameters, promptTemplate: valid.promptTemplate, labelWords: valid.labelWords } as unknown as Job;
    expect(formStateFromJob(job)).toMatchObject({ metricForBestModel: "eval_macro_f1", earlyStoppingPatience: "4" });
  });
});
