import type { Metadata } from "next";
import { EvaluationReport } from "@/features/evaluations/components/evaluation-report";

export const metadata: Metadata = { title: "Evaluation report" };

export default async function EvaluationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <EvaluationReport evaluationId={id} key={id} />;
}
