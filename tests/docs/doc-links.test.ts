import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Issue 15: a person who clones Haven has the repository and nothing beside it, so README.md and docs/*.md link
 * only to files inside it (that exist) or to the web; never `../shared/…`, an absolute path or file://.
 */

const ROOT = process.cwd();
const files = ['README.md', ...readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** Inline `[text](target)`, images too, and reference definitions `[name]: target`. */
function linkTargets(markdown: string): string[] {
  const withoutCode = markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  const inline = [...withoutCode.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]!);
  const references = [...withoutCode.matchAll(/^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)].map((m) => m[1]!);
  const html = [...withoutCode.matchAll(/\b(?:href|src)="([^"]+)"/g)].map((m) => m[1]!);
  return [...inline, ...references, ...html];
}

function problemWith(file: string, target: string): string | null {
  if (/^(https?:|mailto:)/i.test(target) || target.startsWith('#')) return null;
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return 'not a web link nor a file of the repository';
  if (target.startsWith('/')) return 'an absolute path: link files relative to the document';
  const resolved = path.resolve(ROOT, path.dirname(file), decodeURIComponent(target.split('#')[0]!));
  const relative = path.relative(ROOT, resolved);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return 'outside the repository';
  if (!existsSync(resolved)) return 'no such file in the repository';
  return null;
}

describe('documentation links', () => {
  it('finds links to check (the parser works)', () => {
    expect(linkTargets('[a](docs/money.md)\n[b]: ../x.md\n<a href="y">').sort()).toEqual(['../x.md', 'docs/money.md', 'y'].sort());
    expect(problemWith('README.md', '../shared/notes.md')).toBe('outside the repository');
    expect(problemWith('docs/money.md', '../README.md')).toBeNull();
    expect(problemWith('README.md', 'file:///etc/passwd')).not.toBeNull();
  });

  it.each(files)('%s links only files inside the repository, or the web', (file) => {
    const problems = linkTargets(readFileSync(path.join(ROOT, file), 'utf8'))
      .map((target) => ({ target, problem: problemWith(file, target) }))
      .filter((p) => p.problem !== null);
    expect(problems).toEqual([]);
  });

  it('README links every document in docs/', () => {
    const targets = new Set(linkTargets(readFileSync(path.join(ROOT, 'README.md'), 'utf8')));
    for (const doc of files.filter((f) => f.startsWith('docs/'))) expect(targets, doc).toContain(doc);
  });
});
