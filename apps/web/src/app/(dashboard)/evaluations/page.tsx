import type { Metadata } from "next";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";

export const metadata: Metadata = { title: "Evaluations" };

export default function EvaluationsPage() {
  return (
    <>
      <PageHeader title="Evaluations" description="Accuracy reports on held-out test splits." />
      <EmptyState title="No evaluations yet" action={{ href: "/jobs", label: "See jobs" }}>
        Each successful job is evaluated on its dataset&apos;s test split; reports show accuracy, per-class
        scores, the confusion matrix and every misclassified sentence.
      </EmptyState>
    </>
  );
}
