import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { EvaluationList } from "@/features/evaluations/components/evaluation-list";

export const metadata: Metadata = { title: "Evaluations" };

export default async function EvaluationsPage({ searchParams }: { searchParams: Promise<{ highlight?: string | string[] }> }) {
  const { highlight } = await searchParams;
  return (
    <>
      <PageHeader title="Evaluations" description="Accuracy of base models and adapters on held-out dataset splits." action={{ href: "/evaluations/new", label: "New evaluation" }} />
      <EvaluationList highlightId={typeof highlight === "string" ? highlight : undefined} />
    </>
  );
}
