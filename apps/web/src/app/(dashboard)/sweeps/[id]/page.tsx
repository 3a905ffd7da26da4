import type { Metadata } from "next";
import { SweepDetail } from "@/features/sweeps/components/sweep-detail";

export const metadata: Metadata = { title: "Sweep" };

export default async function SweepPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <SweepDetail sweepId={id} key={id} />;
}
