import type { Metadata } from "next";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";

export const metadata: Metadata = { title: "Jobs" };

export default function JobsPage() {
  return (
    <>
      <PageHeader title="Fine-tune jobs" description="Queued, running and finished LoRA trainings." />
      <EmptyState title="No jobs yet" action={{ href: "/datasets", label: "Pick a dataset" }}>
        A job fine-tunes a LoRA adapter on a dataset&apos;s train split; you watch its loss live here.
      </EmptyState>
    </>
  );
}
