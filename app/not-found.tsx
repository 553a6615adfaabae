import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="mx-auto max-w-md space-y-3 px-4 py-16 text-center">
      <h1 className="text-2xl font-bold">Page not found</h1>
      <p className="text-slate-600">This page does not exist, or you do not have access to it.</p>
      <Link href="/" className="inline-block font-semibold text-brand-700 underline">
        Go to your home page
      </Link>
    </main>
  );
}
