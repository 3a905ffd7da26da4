import type { Metadata } from "next";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";

export const metadata: Metadata = { title: "Playground" };

export default function PlaygroundPage() {
  return (
    <>
      <PageHeader title="Playground" description="Prompt the base model and your adapters side by side." />
      <EmptyState title="Nothing to compare yet" action={{ href: "/adapters", label: "See adapters" }}>
        Once an adapter is loaded you can send it a review and read its answer next to the base model&apos;s.
      </EmptyState>
    </>
  );
}
