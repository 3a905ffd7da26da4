// What an evaluation asks with: its own template and label words when it carries them (a zero-shot
// baseline asks the base model exactly what its adapter was asked), else its adapter's job's, else
// (a base model) the base model's template and its recommended words when they fit the dataset's
// classes (SmolLM2 answers Positive/Negative, not 积极/消极), else the dataset's default words.
import { DEFAULT_PROMPT_TEMPLATE } from "@loraboard/contracts";
import type { Prisma } from "@loraboard/db/server";
import { labelWordsForDataset, type Label } from "@loraboard/domain";
import { z } from "zod";

export const LabelWordsColumn = z.record(z.string(), z.string());

export type EvaluationWithAdapter = Prisma.EvaluationGetPayload<{ include: { adapter: { include: { job: true } } } }>;

export interface Prompting {
  template: string;
  labelWords: Record<string, string>;
}

export function resolvePrompting(
  evaluation: EvaluationWithAdapter,
  baseModel: { promptTemplate: string | null; labelWords: unknown } | null,
  classes: readonly Label[],
): Prompting {
  const template = evaluation.promptTemplate ?? evaluation.adapter?.job.promptTemplate ?? baseModel?.promptTemplate ?? DEFAULT_PROMPT_TEMPLATE;
  const labelWords =
    evaluation.labelWords !== null
      ? LabelWordsColumn.parse(evaluation.labelWords)
      : evaluation.adapter
        ? LabelWordsColumn.parse(evaluation.adapter.job.labelWords)
        : labelWordsForDataset(classes, LabelWordsColumn.nullable().catch(null).parse(baseModel?.labelWords ?? null));
  return { template, labelWords };
}
