import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { BaseModelList } from "@/features/base-models/components/base-model-list";

export const metadata: Metadata = { title: "Base models" };

export default function BaseModelsPage() {
  return (
    <>
      <PageHeader
        title="Base models"
        description="Each base model has its own inference server (one vLLM serves one base model and its adapters), and the defaults new jobs on it start from."
      />
      <BaseModelList />
    </>
  );
}
