import Link from "next/link";
import type { ReactNode } from "react";
import { NavLink } from "@/components/nav-link";
import { HealthIndicator } from "@/features/health/components/health-indicator";
import { AdminNavItem, UserMenu } from "@/features/accounts/components/user-menu";

const NAVIGATION = [
  { href: "/datasets", label: "Datasets" },
  { href: "/jobs", label: "Jobs" },
  { href: "/base-models", label: "Base models" },
  { href: "/sweeps", label: "Sweeps" },
  { href: "/adapters", label: "Adapters" },
  { href: "/playground", label: "Playground" },
  { href: "/evaluations", label: "Evaluations" },
  { href: "/api-reference", label: "API" },
];

export default function DashboardLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:p-2">
        Skip to content
      </a>
      <aside className="w-52 shrink-0 border-r border-slate-200 bg-white px-3 py-5">
        <Link href="/datasets" className="mb-6 block px-3 text-lg font-bold tracking-tight text-indigo-700">
          loraboard
        </Link>
        <nav aria-label="Main">
          <ul className="space-y-1">
            {NAVIGATION.map((item) => (
              <li key={item.href}>
                <NavLink {...item} />
              </li>
            ))}
            <AdminNavItem />
          </ul>
        </nav>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex h-14 items-center justify-end gap-6 border-b border-slate-200 bg-white px-6">
          <HealthIndicator />
          <UserMenu />
        </header>
        <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-6 py-8">
          {children}
        </main>
      </div>
    </div>
  );
}
