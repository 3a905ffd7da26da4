import type { Metadata } from "next";
import { Suspense } from "react";
import { PageHeader } from "@/components/page-header";
import { Playground } from "@/features/playground/components/playground";

export const metadata: Metadata = { title: "Playground" };

export default function PlaygroundPage() {
  return (
    <>
      <PageHeader title="Playground" description="Prompt the base model and one or two adapters side by side; answers stream in." />
      <Suspense fallback={<p className="text-sm text-slate-500">Loading…</p>}>
        <Playground />
      </Suspense>
    </>
  );
}
