import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { AdapterList } from "@/features/adapters/components/adapter-list";

export const metadata: Metadata = { title: "Adapters" };

export default function AdaptersPage() {
  return (
    <>
      <PageHeader
        title="Adapters"
        description="Trained LoRA adapters and whether the inference server has them loaded. Each job's adapter is loaded when it succeeds."
      />
      <AdapterList />
    </>
  );
}
