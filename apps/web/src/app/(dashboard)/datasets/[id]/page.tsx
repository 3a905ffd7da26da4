import type { Metadata } from "next";
import { DatasetDetailView } from "@/features/datasets/components/dataset-detail";

export const metadata: Metadata = { title: "Dataset" };

export default async function DatasetPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <DatasetDetailView id={id} />;
}
