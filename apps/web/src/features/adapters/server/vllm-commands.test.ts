import { describe, expect, it } from "vitest";
import { vllmAdapterCommand, vllmMergedCommand } from "./vllm-commands";

describe("vLLM commands", () => {
  it("serve the base with the unzipped adapter, the rank rounded up to one vLLM accepts", () => {
    expect(vllmAdapterCommand({ basePath: "/models/llama 2", baseName: "llama-2-7b", adapterName: "sst-v3", rank: 12 })).toBe(
      "vllm serve '/models/llama 2' --served-model-name llama-2-7b --enable-lora --max-lora-rank 16 --lora-modules sst-v3=./sst-v3",
    );
    expect(vllmAdapterCommand({ basePath: "/m", baseName: "m", adapterName: "a", rank: 8 })).toContain("--max-lora-rank 8 ");
    expect(vllmAdapterCommand({ basePath: "/m", baseName: "m", adapterName: "a", rank: 300 })).toContain("--max-lora-rank 320 ");
  });

  it("serve the merged model alone, under the adapter's name", () => {
    expect(vllmMergedCommand("sst-v3")).toBe("vllm serve ./sst-v3-merged --served-model-name sst-v3");
  });
});
