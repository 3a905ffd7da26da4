import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { UserManager } from "@/features/accounts/components/user-manager";

export const metadata: Metadata = { title: "Users" };

export default function UsersPage() {
  return (
    <>
      <PageHeader title="Users" description="Admins only: who may sign in, and as what. Members run the whole workflow; admins also manage people." />
      <UserManager />
    </>
  );
}
