import { AppShell } from '@/components/layout/app-shell';
import { requirePageCaller } from '@/lib/auth/session';

export default async function SignedInLayout({ children }: { children: React.ReactNode }) {
  const caller = await requirePageCaller();
  return <AppShell caller={caller}>{children}</AppShell>;
}
