import { redirect } from 'next/navigation';
import { roleHome } from '@/lib/auth/caller';
import { getCaller } from '@/lib/auth/session';

export default async function Home() {
  const caller = await getCaller();
  redirect(caller ? roleHome[caller.role] : '/sign-in');
}
