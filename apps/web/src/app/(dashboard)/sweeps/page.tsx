import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { SweepList } from "@/features/sweeps/components/sweep-list";

export const metadata: Metadata = { title: "Sweeps" };

export default function SweepsPage() {
  return (
    <>
      <PageHeader
        title="Sweeps"
        description="Groups of jobs over a few hyperparameters, ranked by validation accuracy or eval loss."
        action={{ href: "/jobs/new?mode=sweep", label: "New sweep" }}
      />
      <SweepList />
    </>
  );
}
