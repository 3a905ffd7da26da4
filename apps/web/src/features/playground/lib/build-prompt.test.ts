import { describe, expect, it } from "vitest";
import { buildPrompt } from "./build-prompt";

const template = "<s>[INST] 评论：{sentence} [/INST]";

describe("buildPrompt", () => {
  it("renders the sentence through the template without the literal BOS the server adds anyway", () => {
    expect(buildPrompt({ sentence: "很好" }, template)).toBe("[INST] 评论：很好 [/INST]");
    expect(buildPrompt({ sentence: "很好" }, "评论：{sentence}")).toBe("评论：很好");
  });

  it("sends a raw prompt exactly as typed", () => {
    expect(buildPrompt({ prompt: "<s>[INST] x [/INST]" }, template)).toBe("<s>[INST] x [/INST]");
  });
});
