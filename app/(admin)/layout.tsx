import Link from "next/link";
import { NavLink } from "@/components/nav-link";
import { signOutAction } from "@/lib/auth/actions";
import { can, type Permission } from "@/lib/auth/roles";
import { requireAdmin } from "@/lib/auth/session";

/** The main menu; each section is shown only to roles that may open it (the pages check again). */
const SECTIONS: ReadonlyArray<{ href: string; label: string; permission: Permission }> = [
  { href: "/", label: "Dashboard", permission: "view" },
  { href: "/users", label: "Users", permission: "view" },
  { href: "/hosts", label: "Hosts", permission: "view" },
  { href: "/rotations", label: "Rotations", permission: "view" },
  { href: "/settings", label: "Settings", permission: "view" },
  { href: "/audit", label: "Audit log", permission: "view" },
  { href: "/api-docs", label: "API", permission: "view" },
  { href: "/admins", label: "Admins", permission: "own" },
  { href: "/tokens", label: "API tokens", permission: "own" },
  { href: "/edges", label: "Edges", permission: "own" },
  { href: "/webhooks", label: "Webhooks", permission: "own" },
];

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const admin = await requireAdmin();
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:px-3 focus:py-2 dark:focus:bg-zinc-900">
        Skip to content
      </a>
      <header className="border-b border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
          <Link href="/" className="text-lg font-semibold tracking-tight">
            Rotor
          </Link>
          <div className="ml-auto flex items-center gap-2 text-sm">
            <Link href="/account" className="rounded-md px-2 py-1.5 text-zinc-600 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800">
              {admin.name} · {admin.role}
            </Link>
            <form action={signOutAction}>
              <button type="submit" className="rounded-md px-3 py-1.5 font-medium hover:bg-zinc-100 dark:hover:bg-zinc-800">
                Sign out
              </button>
            </form>
          </div>
          <nav aria-label="Main" className="-mx-1 flex w-full gap-1 overflow-x-auto pb-1">
            {SECTIONS.filter((section) => can(admin.role, section.permission)).map((section) => (
              <NavLink key={section.href} href={section.href}>
                {section.label}
              </NavLink>
            ))}
          </nav>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-8">
        {children}
      </main>
    </div>
  );
}
