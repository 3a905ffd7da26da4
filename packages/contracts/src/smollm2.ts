// The SmolLM2-135M-Instruct base model's fixed names (issue 14). Minimal here so base models can
// declare it; its preset (`smollm2-cpu`) and download live with the trainer (scripts/ensure-smollm2.sh).
export const SMOLLM2_MODEL_ID = "smollm2-135m-instruct";
/** Its chat template (ChatML) around an instruction, so the instruct model answers in one word. */
export const SMOLLM2_PROMPT_TEMPLATE =
  "<|im_start|>user\nIs this review positive or negative? Answer with one word.\n{sentence}<|im_end|>\n<|im_start|>assistant\n";
export const SMOLLM2_LABEL_WORDS = { "0": "negative", "1": "positive" } as const;
