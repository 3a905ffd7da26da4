import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { AuditLog } from "@/features/audit/components/audit-log";

export const metadata: Metadata = { title: "Audit log" };

export default function AuditPage() {
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Admins only: deletions, cancellations, account changes, revoked tokens, and every change made with an admin's API token or the API_TOKEN."
      />
      <AuditLog />
    </>
  );
}
