import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { JobList } from "@/features/jobs/components/job-list";
import { PRIMARY_BUTTON } from "@/components/styles";

export const metadata: Metadata = { title: "Jobs" };

export default function JobsPage() {
  return (
    <>
      <PageHeader
        title="Fine-tune jobs"
        description="Queued, running and finished LoRA trainings."
        actions={
          <Link href="/jobs/new" className={PRIMARY_BUTTON}>
            New job
          </Link>
        }
      />
      <JobList />
    </>
  );
}
