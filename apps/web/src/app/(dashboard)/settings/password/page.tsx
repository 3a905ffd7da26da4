import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { ChangePasswordForm } from "@/features/accounts/components/change-password-form";

export const metadata: Metadata = { title: "Password" };

export default function PasswordPage() {
  return (
    <>
      <PageHeader title="Password" description="Change the password you sign in with. An admin can also set a new one for you under Users." />
      <ChangePasswordForm />
    </>
  );
}
