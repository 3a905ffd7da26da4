import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { NewJobForm } from "@/features/jobs/components/new-job-form";

export const metadata: Metadata = { title: "New job" };

export default async function NewJobPage({
  searchParams,
}: {
  searchParams: Promise<{ from?: string | string[]; baseModel?: string | string[]; mode?: string | string[] }>;
}) {
  const { from, baseModel, mode } = await searchParams;
  const fromJobId = typeof from === "string" && from ? from : undefined;
  // From the Base models page: start from that model's defaults.
  const baseModelId = typeof baseModel === "string" && baseModel ? baseModel : undefined;
  return (
    <>
      <PageHeader
        title={fromJobId ? "New job from a clone" : "New fine-tune job"}
        description="A LoRA adapter trained on the dataset's train split, with its loss evaluated on the validation split."
      />
      <NewJobForm
        fromJobId={fromJobId}
        baseModelId={baseModelId}
        initialMode={mode === "sweep" ? "sweep" : "job"}
        key={fromJobId ?? baseModelId ?? "new"}
      />
    </>
  );
}
