import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { DatasetList } from "@/features/datasets/components/dataset-list";
import { PRIMARY_BUTTON } from "@/components/styles";

export const metadata: Metadata = { title: "Datasets" };

export default function DatasetsPage() {
  return (
    <>
      <PageHeader
        title="Datasets"
        description="Labelled review sentences to fine-tune and evaluate on."
        actions={
          <Link href="/datasets/new" className={PRIMARY_BUTTON}>
            Upload dataset
          </Link>
        }
      />
      <DatasetList />
    </>
  );
}
