import { describe, expect, it } from "vitest";
import { MAX_EVALUATIONS, MAX_TRAINED_EXAMPLES, totalTrainingSteps, trainingWorkIssues } from "./training-work";

const tutorial = { epochs: 3, batchSize: 4, gradientAccumulationSteps: 8, evalSteps: 50 };

describe("trainingWorkIssues", () => {
  it("accepts the tutorial's recipe on the tutorial's data set", () => {
    expect(totalTrainingSteps(tutorial, 9_600)).toBe(900);
    expect(trainingWorkIssues(tutorial, { trainRows: 9_600, valRows: 1_200 })).toEqual([]);
  });

  it("refuses more trained examples than the cap, naming epochs and the most it may be", () => {
    const [issue] = trainingWorkIssues({ ...tutorial, epochs: 100 }, { trainRows: 50_000, valRows: 0 });
    expect(issue?.field).toBe("hyperparameters.epochs");
    expect(issue?.message).toContain(`use at most ${MAX_TRAINED_EXAMPLES / 50_000} epochs`);
  });

  it("refuses evaluating more often than the cap, naming the smallest evalSteps that fits", () => {
    const work = { epochs: 100, batchSize: 1, gradientAccumulationSteps: 1, evalSteps: 1 };
    const [issue] = trainingWorkIssues(work, { trainRows: 48, valRows: 6 });
    expect(issue).toEqual({ field: "hyperparameters.evalSteps", message: expect.stringContaining(`at least ${Math.ceil(4_800 / MAX_EVALUATIONS)}`) });
    expect(trainingWorkIssues({ ...work, evalSteps: Math.ceil(4_800 / MAX_EVALUATIONS) }, { trainRows: 48, valRows: 6 })).toEqual([]);
    expect(trainingWorkIssues(work, { trainRows: 48, valRows: 0 })).toEqual([]); // no validation split: no evaluations
  });

  it("lets small datasets keep the default evalSteps even when it exceeds the job's steps", () => {
    expect(trainingWorkIssues(tutorial, { trainRows: 48, valRows: 6 })).toEqual([]);
  });
});
