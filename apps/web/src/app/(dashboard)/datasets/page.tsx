import type { Metadata } from "next";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";

export const metadata: Metadata = { title: "Datasets" };

export default function DatasetsPage() {
  return (
    <>
      <PageHeader title="Datasets" description="Labelled review sentences to fine-tune and evaluate on." />
      <EmptyState title="No datasets yet">
        Upload a JSON, JSONL or CSV file of <code>{'{"sentence", "label"}'}</code> rows; it is validated,
        summarised and split into train, validation and test sets.
      </EmptyState>
    </>
  );
}
