import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { UserManager } from "@/features/accounts/components/user-manager";

export const metadata: Metadata = { title: "Users" };

export default function UsersPage() {
  return (
    <>
      <PageHeader
        title="Users"
        description="Admins only: who may sign in, and as what. Members run the whole workflow; admins also manage people."
        actions={
          <Link href="/users/audit" className="text-sm font-medium text-indigo-700 hover:underline">
            Audit log
          </Link>
        }
      />
      <UserManager />
    </>
  );
}
