import { describe, expect, it } from "vitest";
import { initialSweepState, sweepJobCount, toCreateSweepBody, validateSweepForm } from "./sweep-form";

const job = { datasetId: "d1", baseModelId: "demo-tiny-zh", hyperparameters: { epochs: 1 } };

describe("sweep form", () => {
  it("turns typed lists into the API's space and counts the jobs as the API will", () => {
    const state = { ...initialSweepState(), learningRate: "1e-3, 2e-3", loraR: "4 8", targetModules: "q_proj v_proj\nq_proj,k_proj,v_proj\n\n" };
    expect(toCreateSweepBody(job, state).space).toEqual({
      learningRate: [0.001, 0.002],
      loraR: [4, 8],
      targetModules: [["q_proj", "v_proj"], ["q_proj", "k_proj", "v_proj"]],
    });
    expect(sweepJobCount(state)).toBe(8);
    expect(sweepJobCount({ ...state, strategy: "random", samples: "3" })).toBe(3);
    const { body, errors } = validateSweepForm(job, state);
    expect(errors).toEqual({});
    expect(body).toMatchObject({ strategy: "grid", metric: "valAccuracy" });
  });

  it("puts each problem on the list it comes from", () => {
    const { body, errors } = validateSweepForm(job, { ...initialSweepState(), learningRate: "0.001, abc", loraR: "4, 4" });
    expect(body).toBeNull();
    expect(errors["space.learningRate"]).toBeTruthy();
    expect(errors["space.loraR"]).toContain("must differ");
    expect(validateSweepForm(job, { ...initialSweepState(), loraR: "8" }).errors.space).toContain("at least 2");
    const tooMany = validateSweepForm(job, { ...initialSweepState(), learningRate: "1e-4,2e-4,3e-4,4e-4,5e-4", loraR: "2,4,8,16" });
    expect(tooMany.errors.space).toContain("20 jobs");
    expect(validateSweepForm(job, { ...initialSweepState(), loraR: "2,4,8", strategy: "random", samples: "" }).errors.samples).toBeTruthy();
  });
});
