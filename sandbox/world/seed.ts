import type { ConsumerApp, Initiator, Organisation, Subscriber, SubscriberBehaviour } from './types';

export const DEMO_CONSUMER_KEY = 'haven_local_consumer_key';
export const DEMO_CONSUMER_SECRET = 'haven_local_consumer_secret';
export const DEMO_PASSKEY = 'bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919';
/** Daraja's own test handset (SPEC §11.1): it never answers a prompt, so pushes end in 1037. */
export const TEST_MSISDN = '254708374149';

/** The second demo organisation, for multi-agency work: its own paybill, app and initiator. */
export const SECOND_AGENCY = {
  shortcode: '174380',
  name: 'Second Agency Ltd',
  passkey: '4f1c0a3e8b2d47e59c6a1b7d3e9f20a64c8b1e5d7a3f9c2e6b0d4a8f1c3e5b7d',
  consumerKey: 'haven_second_consumer_key',
  consumerSecret: 'haven_second_consumer_secret',
  initiatorName: 'secondapi',
  initiatorPassword: 'Second123!!',
} as const;

export function seedConsumerApps(): ConsumerApp[] {
  return [
    { key: DEMO_CONSUMER_KEY, secret: DEMO_CONSUMER_SECRET },
    { key: SECOND_AGENCY.consumerKey, secret: SECOND_AGENCY.consumerSecret },
  ];
}

const kes = (n: number): number => n * 100;

export function seedOrganisations(): Organisation[] {
  return [
    {
      shortcode: '174379',
      name: 'Demo Properties',
      passkey: DEMO_PASSKEY,
      accounts: { working: 0, utility: kes(250_000), charges: 0 },
    },
    {
      shortcode: '600996',
      name: 'Haven B2C',
      accounts: { working: 0, utility: kes(1_000_000), charges: 0 },
    },
    {
      shortcode: SECOND_AGENCY.shortcode,
      name: SECOND_AGENCY.name,
      passkey: SECOND_AGENCY.passkey,
      accounts: { working: 0, utility: kes(100_000), charges: 0 },
    },
  ];
}

const sub = (msisdn: string, name: string, balance: number, behaviour: SubscriberBehaviour): Subscriber => ({
  msisdn,
  name,
  pin: '1234',
  balanceCents: kes(balance),
  behaviour,
  sms: [],
});

export function seedSubscribers(): Subscriber[] {
  return [
    sub('254712345678', 'Amina Wanjiru', 80_000, 'auto-approve'),
    sub('254722123456', 'Brian Otieno', 60_000, 'auto-approve'),
    sub('254711223344', 'Cynthia Njeri', 50_000, 'auto-approve'),
    sub('254723456789', 'David Kiprotich', 45_000, 'auto-approve'),
    sub('254795112233', 'Esther Akinyi', 40_000, 'auto-approve'),
    sub('254110334455', 'Faith Mutua', 35_000, 'auto-approve'),
    sub('254746778899', 'George Kamau', 1_500, 'auto-approve'),
    sub('254758990011', 'Halima Hassan', 30_000, 'manual'),
    sub(TEST_MSISDN, 'John Doe', 10_000, 'no-answer'),
    sub('254720111222', 'Peter Mwangi', 20_000, 'manual'),
    sub('254721333444', 'Grace Achieng', 20_000, 'manual'),
    sub('254700555666', 'Wanjiku Admin', 5_000, 'manual'),
  ];
}

export function seedInitiators(): Initiator[] {
  return [
    { name: 'testapi', password: 'Safaricom123!!', shortcodes: ['174379', '600996'], failures: 0, locked: false },
    { name: SECOND_AGENCY.initiatorName, password: SECOND_AGENCY.initiatorPassword, shortcodes: [SECOND_AGENCY.shortcode], failures: 0, locked: false },
  ];
}
