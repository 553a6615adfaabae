import { z } from 'zod';

export const scenarioApis = ['stk', 'b2c', 'reversal', 'balance', 'status', 'c2b'] as const;
export type ScenarioApi = (typeof scenarioApis)[number];

export const scenarioInputSchema = z
  .object({
    match: z
      .object({
        api: z.enum(scenarioApis).optional(),
        phone: z.string().regex(/^254\d{9}$/).optional(),
        amount: z.number().positive().optional(),
        accountReference: z.string().optional(),
      })
      .strict()
      .default({}),
    resultCode: z.union([z.string().min(1), z.number().int()]).transform(String),
    resultDesc: z.string().optional(),
    delayMs: z.number().int().min(0).optional(),
    times: z.number().int().positive().default(1),
  })
  .strict();

export type Scenario = z.infer<typeof scenarioInputSchema> & { id: number };

export interface ScenarioSubject {
  api: ScenarioApi;
  phone?: string;
  /** Whole KES, as the request carried it. */
  amount?: number;
  accountReference?: string;
}

/** Scripted outcomes: the first matching scenario is used up by one request. */
export class ScenarioStore {
  private items: Scenario[] = [];
  private seq = 0;

  add(input: z.infer<typeof scenarioInputSchema>): Scenario {
    this.seq += 1;
    const scenario = { ...input, id: this.seq };
    this.items.push(scenario);
    return scenario;
  }

  list(): Scenario[] {
    return this.items;
  }

  clear(): void {
    this.items = [];
  }

  take(subject: ScenarioSubject): Scenario | undefined {
    const found = this.items.find(
      ({ match }) =>
        (match.api === undefined || match.api === subject.api) &&
        (match.phone === undefined || match.phone === subject.phone) &&
        (match.amount === undefined || match.amount === subject.amount) &&
        (match.accountReference === undefined || match.accountReference === subject.accountReference),
    );
    if (!found) return undefined;
    found.times -= 1;
    if (found.times <= 0) this.items = this.items.filter((s) => s !== found);
    return found;
  }
}
