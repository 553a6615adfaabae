import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = process.cwd();
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

export interface RouteFile {
  /** Path from the repository root, e.g. `app/(app)/leases/[id]/page.tsx`. */
  file: string;
  kind: 'page' | 'route';
  /** Pages: ['GET']; route handlers: the HTTP methods the file exports. */
  methods: string[];
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return walk(full);
    return /^(page|route)\.(tsx?|jsx?)$/.test(entry.name) ? [full] : [];
  });
}

/** The HTTP methods a route.ts exports: `export const POST =`, `export async function GET(`, `export const { GET, POST } =`, `export { GET }`. */
export function exportedMethods(source: string): string[] {
  const found = new Set<string>();
  for (const m of source.matchAll(/export\s+(?:const|let|async\s+function|function)\s+([A-Z]+)\b/g)) found.add(m[1]!);
  for (const m of source.matchAll(/export\s+(?:const\s+)?\{([^}]*)\}/g)) {
    for (const name of m[1]!.split(',')) found.add(name.trim().split(/\s+as\s+/).pop()!.trim());
  }
  return METHODS.filter((method) => found.has(method));
}

export function discoverRoutes(): RouteFile[] {
  return walk(path.join(ROOT, 'app'))
    .map((full) => path.relative(ROOT, full).split(path.sep).join('/'))
    .sort()
    .map((file) =>
      /\/page\.[jt]sx?$/.test(file)
        ? { file, kind: 'page' as const, methods: ['GET'] }
        : { file, kind: 'route' as const, methods: exportedMethods(readFileSync(path.join(ROOT, file), 'utf8')) },
    );
}

/** `app/(app)/leases/[id]/page.tsx` → `/leases/[id]`. */
export function urlPattern(file: string): string {
  const segments = file
    .replace(/^app\//, '')
    .split('/')
    .slice(0, -1)
    .filter((segment) => !/^\(.*\)$/.test(segment));
  return `/${segments.join('/')}`;
}
