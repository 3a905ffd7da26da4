import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { ApiTokenManager } from "@/features/accounts/components/api-token-manager";

export const metadata: Metadata = { title: "API tokens" };

export default function ApiTokensPage() {
  return (
    <>
      <PageHeader
        title="API tokens"
        description="Personal tokens for scripts: each acts as you, is shown once, stored only as a hash, and stops working the moment you revoke it."
      />
      <ApiTokenManager />
    </>
  );
}
