import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { JobCompare } from "@/features/jobs/components/job-compare";

export const metadata: Metadata = { title: "Compare jobs" };

export default async function CompareJobsPage({ searchParams }: { searchParams: Promise<{ ids?: string | string[] }> }) {
  const { ids } = await searchParams;
  const jobIds = (Array.isArray(ids) ? ids.join(",") : (ids ?? "")).split(",").map((id) => id.trim()).filter(Boolean);
  return (
    <>
      <PageHeader title="Compare jobs" description="Loss curves of several runs on one chart, by step." />
      <JobCompare initialIds={[...new Set(jobIds)]} />
    </>
  );
}
