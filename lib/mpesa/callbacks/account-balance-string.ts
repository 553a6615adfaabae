import { darajaMoneyToCents } from '../amounts';

/**
 * The `AccountBalance` / `DebitAccountBalance` value (SPEC §7): accounts joined with `&`, each
 * `name|currency|current|available|reserved|uncleared`. Fields 3/4 are read as current then available, as the
 * older docs and a production SDK do; every known sample has them equal.
 */

export interface BalanceAccount {
  name: string;
  currency: string;
  currentCents: number;
  availableCents: number;
  reservedCents: number;
  unclearedCents: number;
}

export function parseAccountBalanceString(value: string): BalanceAccount[] {
  const entries = value
    .split('&')
    .map((s) => s.trim())
    .filter(Boolean);
  return entries.map((entry) => {
    const fields = entry.split('|').map((f) => f.trim());
    if (fields.length < 6) throw new Error(`Account balance entry has ${fields.length} fields, expected 6: "${entry}"`);
    const [name = '', currency = '', ...amounts] = fields;
    const [current, available, reserved, uncleared] = amounts.slice(0, 4).map((a) => darajaMoneyToCents(a));
    if (!name || current == null || available == null || reserved == null || uncleared == null) {
      throw new Error(`Account balance entry is not name|currency|amounts: "${entry}"`);
    }
    return { name, currency, currentCents: current, availableCents: available, reservedCents: reserved, unclearedCents: uncleared };
  });
}
