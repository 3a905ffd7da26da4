// Fits an evaluation prompt into the served context, as training does: the sentence is shortened,
// never the template, the few-shot examples or the room for the answer. Tokens are bounded without
// the tokenizer: byte-level BPE and SentencePiece with byte fallback give at most one token per
// UTF-8 byte, plus the BOS and the leading-space marker the server may add.
const ADDED_TOKENS = 2;

const utf8Bytes = (text: string) => Buffer.byteLength(text, "utf8");

export interface FittedPrompt {
  prompt: string;
  /** True when the sentence was shortened to fit. */
  truncated: boolean;
}

/**
 * `maxModelLen`: the served context (prompt and completion together), or null when the server does
 * not say (then the prompt is sent as it is). Throws when even an empty sentence does not fit.
 */
export function fitPrompt(toPrompt: (sentence: string) => string, sentence: string, maxModelLen: number | null, maxNewTokens: number): FittedPrompt {
  const prompt = toPrompt(sentence);
  if (maxModelLen === null) return { prompt, truncated: false };
  const budget = maxModelLen - maxNewTokens - ADDED_TOKENS;
  if (utf8Bytes(prompt) <= budget) return { prompt, truncated: false };
  const room = budget - utf8Bytes(toPrompt(""));
  if (room <= 0) {
    // status 400: not transient, retrying cannot help.
    throw Object.assign(new Error(`The prompt template alone is longer than the served context of ${maxModelLen} tokens.`), { status: 400 });
  }
  let kept = "";
  let used = 0;
  for (const character of sentence) {
    used += utf8Bytes(character);
    if (used > room) break;
    kept += character;
  }
  return { prompt: toPrompt(kept), truncated: true };
}
