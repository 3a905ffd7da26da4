import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { JobList } from "@/features/jobs/components/job-list";

export const metadata: Metadata = { title: "Jobs" };

export default function JobsPage() {
  return (
    <>
      <PageHeader title="Fine-tune jobs" description="Queued, running and finished LoRA trainings." action={{ href: "/jobs/new", label: "New job" }} />
      <JobList />
    </>
  );
}
