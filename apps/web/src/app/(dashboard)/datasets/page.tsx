import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { DatasetList } from "@/features/datasets/components/dataset-list";

export const metadata: Metadata = { title: "Datasets" };

export default function DatasetsPage() {
  return (
    <>
      <PageHeader
        title="Datasets"
        description="Labelled review sentences to fine-tune and evaluate on."
        actions={
          <Link href="/datasets/new" className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-500">
            Upload dataset
          </Link>
        }
      />
      <DatasetList />
    </>
  );
}
