import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { EvaluationList } from "@/features/evaluations/components/evaluation-list";
import { PRIMARY_BUTTON } from "@/components/styles";

export const metadata: Metadata = { title: "Evaluations" };

export default async function EvaluationsPage({ searchParams }: { searchParams: Promise<{ highlight?: string | string[] }> }) {
  const { highlight } = await searchParams;
  return (
    <>
      <PageHeader
        title="Evaluations"
        description="Accuracy of base models and adapters on held-out dataset splits."
        actions={
          <Link href="/evaluations/new" className={PRIMARY_BUTTON}>
            New evaluation
          </Link>
        }
      />
      <EvaluationList highlightId={typeof highlight === "string" ? highlight : undefined} />
    </>
  );
}
