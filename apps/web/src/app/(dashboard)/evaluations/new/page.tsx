import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { NewEvaluationForm } from "@/features/evaluations/components/new-evaluation-form";

export const metadata: Metadata = { title: "New evaluation" };

type Search = { model?: string | string[]; datasetId?: string | string[]; split?: string | string[] };

const single = (value: string | string[] | undefined) => (typeof value === "string" && value ? value : undefined);

export default async function NewEvaluationPage({ searchParams }: { searchParams: Promise<Search> }) {
  const params = await searchParams;
  const split = single(params.split);
  return (
    <>
      <PageHeader
        title="New evaluation"
        description="Ask a base model or an adapter for every sentence of a dataset split and measure its accuracy."
      />
      <NewEvaluationForm
        defaults={{
          model: single(params.model),
          datasetId: single(params.datasetId),
          split: split === "train" || split === "val" || split === "test" ? split : undefined,
        }}
      />
    </>
  );
}
