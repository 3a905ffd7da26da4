import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { DatasetList } from "@/features/datasets/components/dataset-list";

export const metadata: Metadata = { title: "Datasets" };

export default function DatasetsPage() {
  return (
    <>
      <PageHeader title="Datasets" description="Labelled review sentences to fine-tune and evaluate on." action={{ href: "/datasets/new", label: "Upload dataset" }} />
      <DatasetList />
    </>
  );
}
