import type { Metadata } from "next";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";

export const metadata: Metadata = { title: "Adapters" };

export default function AdaptersPage() {
  return (
    <>
      <PageHeader title="Adapters" description="Trained LoRA adapters and whether the inference server has them loaded." />
      <EmptyState title="No adapters yet" action={{ href: "/jobs", label: "See jobs" }}>
        Every job that succeeds adds its adapter here and loads it into the inference server.
      </EmptyState>
    </>
  );
}
