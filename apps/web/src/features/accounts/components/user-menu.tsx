"use client";

import Link from "next/link";
import { NavLink } from "@/components/nav-link";
import { useSession, useSignOut } from "../hooks/use-accounts";

/** The header's account corner: who is signed in, their settings, and signing out. */
export function UserMenu() {
  const { data } = useSession();
  const signOut = useSignOut();
  if (!data?.user) return null;
  return (
    <div className="flex items-center gap-3 text-sm" data-testid="user-menu">
      <span className="text-slate-700">
        {data.user.email}
        {data.role === "admin" && <span className="ml-1.5 rounded-full bg-indigo-50 px-2 py-0.5 text-xs text-indigo-700">admin</span>}
      </span>
      <Link href="/settings/tokens" className="text-indigo-700 hover:underline">
        API tokens
      </Link>
      <Link href="/settings/webhooks" className="text-indigo-700 hover:underline">
        Webhooks
      </Link>
      <Link href="/settings/password" className="text-indigo-700 hover:underline">
        Password
      </Link>
      <button type="button" onClick={() => signOut.mutate()} disabled={signOut.isPending} className="text-slate-600 hover:text-slate-900">
        Sign out
      </button>
    </div>
  );
}

/** The Users page in the navigation, for admins only (the API refuses members whatever a page shows). */
export function AdminNavItem() {
  const { data } = useSession();
  if (data?.role !== "admin") return null;
  return (
    <li>
      <NavLink href="/users" label="Users" />
    </li>
  );
}
