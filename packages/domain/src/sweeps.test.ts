import { describe, expect, it } from "vitest";
import { countSweepJobs, describeOverrides, expandSweep, MAX_SWEEP_JOBS, sweepPlanIssues } from "./sweeps";

describe("expandSweep", () => {
  it("grid: the cartesian product of every listed value, the last dimension fastest", () => {
    const sets = expandSweep({ learningRate: [0.001, 0.002], loraR: [4, 8], targetModules: [["q_proj"], ["q_proj", "v_proj"]] }, { strategy: "grid" });
    expect(sets).toHaveLength(8);
    expect(sets[0]).toEqual({ learningRate: 0.001, loraR: 4, targetModules: ["q_proj"] });
    expect(sets[1]).toEqual({ learningRate: 0.001, loraR: 4, targetModules: ["q_proj", "v_proj"] });
    expect(sets[7]).toEqual({ learningRate: 0.002, loraR: 8, targetModules: ["q_proj", "v_proj"] });
    expect(new Set(sets.map((set) => JSON.stringify(set))).size).toBe(8);
  });

  it("grid: dimensions left empty are not varied", () => {
    expect(expandSweep({ epochs: [1, 2, 3], loraR: [] }, { strategy: "grid" })).toEqual([{ epochs: 1 }, { epochs: 2 }, { epochs: 3 }]);
  });

  it("random: distinct combinations, the same for the same seed, others for another", () => {
    const space = { learningRate: [1e-4, 2e-4, 5e-4, 1e-3], loraR: [4, 8, 16, 32], epochs: [1, 2, 3] };
    const first = expandSweep(space, { strategy: "random", samples: 10, seed: 7 });
    expect(first).toHaveLength(10);
    expect(new Set(first.map((set) => JSON.stringify(set))).size).toBe(10);
    expect(expandSweep(space, { strategy: "random", samples: 10, seed: 7 })).toEqual(first);
    expect(expandSweep(space, { strategy: "random", samples: 10, seed: 8 })).not.toEqual(first);
    for (const set of first) {
      expect(space.learningRate).toContain(set.learningRate);
      expect(space.loraR).toContain(set.loraR);
      expect(space.epochs).toContain(set.epochs);
    }
  });

  it("random: asking for more samples than combinations makes each combination once", () => {
    const sets = expandSweep({ loraR: [4, 8, 16] }, { strategy: "random", samples: 10, seed: 1 });
    expect(sets.map((set) => set.loraR).sort((a, b) => a! - b!)).toEqual([4, 8, 16]);
  });

  it("refuses a plan with issues", () => {
    expect(() => expandSweep({ loraR: [8] }, { strategy: "grid" })).toThrow(/at least 2/);
  });
});

describe("sweepPlanIssues", () => {
  it("caps a grid at MAX_SWEEP_JOBS and says what to change", () => {
    const space = { learningRate: [1, 2, 3, 4, 5].map((n) => n / 1000), loraR: [4, 8, 16, 32] };
    expect(countSweepJobs(space, { strategy: "grid" })).toBe(20);
    const [issue] = sweepPlanIssues(space, { strategy: "grid" });
    expect(issue).toMatchObject({ field: "space" });
    expect(issue!.message).toContain(`at most ${MAX_SWEEP_JOBS}`);
    expect(issue!.message).toContain("random");
    expect(sweepPlanIssues(space, { strategy: "random", samples: 16 })).toEqual([]);
    expect(sweepPlanIssues(space, { strategy: "random", samples: 17 })[0]).toMatchObject({ field: "samples" });
  });

  it("needs two sets at least", () => {
    expect(sweepPlanIssues({}, { strategy: "grid" })[0]!.message).toContain("second value");
    expect(sweepPlanIssues({ loraR: [4, 8] }, { strategy: "grid" })).toEqual([]);
  });
});

it("describeOverrides names the values a job tries", () => {
  expect(describeOverrides({ learningRate: 0.002, loraR: 8, targetModules: ["q_proj", "v_proj"], epochs: 1 })).toBe("lr 0.002 · r 8 · q_proj+v_proj · 1 ep");
});
