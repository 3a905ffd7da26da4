// The SmolLM2-135M-Instruct base model's fixed names (issue 14), kept minimal here so base models
// can declare it. Branch smollm generates the same three from lora_trainer/config.py (through
// generated/trainer-contract.ts, exported by trainer.ts): on merge, this file gives way to those.
export const SMOLLM2_MODEL_ID = "smollm2-135m-instruct";
/** Its ChatML chat template around an English instruction, so the instruct model answers in one word. */
export const SMOLLM2_PROMPT_TEMPLATE =
  "<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face<|im_end|>\n<|im_start|>user\nIs the sentiment of this Chinese product review positive or negative? Answer with one word: Positive or Negative.\nReview: {sentence}<|im_end|>\n<|im_start|>assistant\n";
export const SMOLLM2_LABEL_WORDS = { "0": "Negative", "1": "Positive" } as const;
