import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { JobList } from "@/features/jobs/components/job-list";

export const metadata: Metadata = { title: "Jobs" };

export default function JobsPage() {
  return (
    <>
      <PageHeader
        title="Fine-tune jobs"
        description="Queued, running and finished LoRA trainings."
        actions={
          <Link href="/jobs/new" className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-500">
            New job
          </Link>
        }
      />
      <JobList />
    </>
  );
}
