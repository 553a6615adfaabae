/** Shown while a payments page renders on the server (a search runs per query). */
export default function Loading() {
  return (
    <p role="status" className="py-8 text-center text-sm text-slate-600">
      Loading…
    </p>
  );
}
