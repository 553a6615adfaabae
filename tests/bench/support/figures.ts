import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The figures a bench steers by. Each figure may carry the reference measured in the same run (a no-op route, a
 * hello-world app, the 10 k data set) and the goal it is held to, so a noisy machine shows up as the same ratio
 * rather than a different absolute number. `writeFigures` stores them as JSON under `.data/bench/` so two runs
 * can be compared (`.data/` is ignored by git).
 */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** `unit` when the reference is counted in other units than the figure (callbacks against payments). */
  reference?: { name: string; value: number; unit?: string };
  /** value / reference.value, computed when a reference is given. */
  ratio?: number;
  /** A human-readable goal, e.g. "≥ 0.65× no-op" or "≤ 100 ms". */
  goal?: string;
  met?: boolean;
}

export interface FigureInput extends Omit<Figure, 'ratio'> {
  /** Decides `met` from the figure (and its ratio when there is a reference). */
  check?: (figure: Figure) => boolean;
}

export function createFigureSheet({ bench }: { bench: string }) {
  const figures: Figure[] = [];
  return {
    add(input: FigureInput): Figure {
      const { check, ...rest } = input;
      const figure: Figure = { ...rest };
      if (rest.reference && rest.reference.value !== 0) figure.ratio = Number((rest.value / rest.reference.value).toFixed(3));
      if (check) figure.met = check(figure);
      figures.push(figure);
      const ref = figure.reference ? `  (ref ${figure.reference.name}: ${round(figure.reference.value)} ${figure.reference.unit ?? rest.unit}; ratio ${figure.ratio ?? '—'})` : '';
      const goal = figure.goal ? `  goal ${figure.goal}${figure.met === undefined ? '' : figure.met ? ' ✓' : ' ✗'}` : '';
      console.log(`${figure.name}: ${round(figure.value)} ${rest.unit}${ref}${goal}`);
      return figure;
    },
    /** Writes `.data/bench/<bench>-<timestamp>.json` and `<bench>-latest.json`; returns the timestamped path. */
    write(extra: Record<string, unknown> = {}): string {
      const dir = path.resolve('.data/bench');
      mkdirSync(dir, { recursive: true });
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const body = JSON.stringify({ bench, at: new Date().toISOString(), figures, ...extra }, null, 2);
      const file = path.join(dir, `${bench}-${stamp}.json`);
      writeFileSync(file, body);
      writeFileSync(path.join(dir, `${bench}-latest.json`), body);
      console.log(`Figures written to ${path.relative(process.cwd(), file)}`);
      return file;
    },
  };
}

function round(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(n < 10 ? 2 : 1);
}

/** The p-th percentile (nearest rank) of a list of samples. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return 0;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
