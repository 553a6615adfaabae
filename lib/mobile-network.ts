/**
 * Which operator a Kenyan number belongs to, by its prefix (Communications Authority of Kenya allocations). Kept
 * apart from lib/phone.ts (libphonenumber) so that the pay form can tell a tenant before anything is sent, without
 * shipping libphonenumber to a cheap phone. M-Pesa lives on Safaricom lines only: a prompt to an Airtel number
 * never arrives, and the tenant would wait for nothing.
 */

export type MobileNetwork = 'Safaricom' | 'Airtel' | 'Telkom' | 'Equitel' | 'another network';

const NETWORK_PREFIXES: [MobileNetwork, RegExp][] = [
  ['Safaricom', /^254(7[0-2]\d|74[0-35-68]|75[7-9]|76[89]|79\d|11[0-5])/],
  ['Airtel', /^254(73\d|75[0-6]|762|78\d|10[0-2])/],
  ['Telkom', /^254(77\d)/],
  ['Equitel', /^254(76[3-6])/],
];

/** The operator of a `254…` number. */
export function mobileNetworkOf(msisdn: string): MobileNetwork {
  return NETWORK_PREFIXES.find(([, re]) => re.test(msisdn))?.[0] ?? 'another network';
}

/** `0712 345 678`, `+254…`, `712…` → `2547…` by shape alone (digits), or null. */
export function msisdnFromTyped(input: string): string | null {
  const digits = input.replace(/[\s+\-().]/g, '');
  const m = /^(?:254|0)?([17]\d{8})$/.exec(digits);
  return m ? `254${m[1]}` : null;
}

/** Why M-Pesa cannot reach this number, or null when it can (a Safaricom line). */
export function mpesaReachProblem(msisdn: string, display: string): string | null {
  const network = mobileNetworkOf(msisdn);
  if (network === 'Safaricom') return null;
  const what = network === 'another network' ? 'not a Safaricom number' : `${/^[AEIOU]/.test(network) ? 'an' : 'a'} ${network} number`;
  return `${display} is ${what}. M-Pesa works only on Safaricom lines: use a Safaricom number, or pay by paybill.`;
}
