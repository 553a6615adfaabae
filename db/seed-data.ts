/**
 * The demo world. Phone numbers match the local Daraja sandbox's pre-registered subscribers, so a demo tenant's
 * STK push rings their virtual phone (George has too little M-Pesa balance, on purpose; Halima answers by hand).
 */

export const DEMO_PASSWORD = 'haven-demo';

export const demoAgency = { name: 'Demo Properties', paybillShortcode: '174379' };

export const demoStaff = [
  { key: 'admin', role: 'admin', name: 'Wanjiku Kariuki', email: 'admin@example.com', phone: '254700555666' },
  { key: 'landlord', role: 'landlord', name: 'Peter Mwangi', email: 'landlord@example.com', phone: '254720111222' },
  { key: 'landlord2', role: 'landlord', name: 'Grace Achieng', email: 'landlord2@example.com', phone: '254721333444' },
] as const;

export const demoProperties = [
  { key: 'KH', landlord: 'landlord', commissionBps: 1000, name: 'Kilimani Heights', location: 'Argwings Kodhek Rd, Kilimani, Nairobi', units: ['A1', 'A2', 'B1', 'B2', 'C1'] },
  { key: 'WC', landlord: 'landlord', commissionBps: 1000, name: 'Westlands Court', location: 'Mpaka Rd, Westlands, Nairobi', units: ['1', '2', '3', '4'] },
  { key: 'RG', landlord: 'landlord2', commissionBps: 750, name: 'Rongai Gardens', location: 'Magadi Rd, Ongata Rongai', units: ['01', '02', '03'] },
] as const;

/**
 * `paid` lists, per month from oldest to newest of the six seeded months, the share of that month's rent paid
 * (1 = in full, 0 = nothing); `extraKes` is an overpayment kept as credit.
 */
export const demoLeases = [
  { tenant: { name: 'Amina Wanjiru', email: 'tenant@example.com', phone: '254712345678' }, property: 'KH', unit: 'A1', rentKes: 25_000, dueDay: 5, paid: [1, 1, 1, 1, 0.6, 0] },
  { tenant: { name: 'Brian Otieno', email: 'tenant2@example.com', phone: '254722123456' }, property: 'RG', unit: '01', rentKes: 18_000, dueDay: 1, paid: [1, 1, 1, 1, 1, 0] },
  { tenant: { name: 'Cynthia Njeri', email: 'cynthia@example.com', phone: '254711223344' }, property: 'KH', unit: 'A2', rentKes: 22_000, dueDay: 5, paid: [1, 1, 1, 1, 1, 1], extraKes: 2_000 },
  { tenant: { name: 'David Kiprotich', email: 'david@example.com', phone: '254723456789' }, property: 'KH', unit: 'B1', rentKes: 30_000, dueDay: 10, paid: [1, 1, 1, 1, 0, 0] },
  { tenant: { name: 'Esther Akinyi', email: 'esther@example.com', phone: '254795112233' }, property: 'WC', unit: '1', rentKes: 15_000, dueDay: 1, paid: [1, 1, 1, 1, 1, 1] },
  { tenant: { name: 'Faith Mutua', email: 'faith@example.com', phone: '254110334455' }, property: 'WC', unit: '2', rentKes: 12_000, dueDay: 1, paid: [1, 1, 1, 1, 1, 0.5] },
  { tenant: { name: 'George Kamau', email: 'george@example.com', phone: '254746778899' }, property: 'WC', unit: '3', rentKes: 20_000, dueDay: 5, paid: [1, 1, 1, 0, 0, 0] },
  { tenant: { name: 'Halima Hassan', email: 'halima@example.com', phone: '254758990011' }, property: 'RG', unit: '02', rentKes: 16_000, dueDay: 1, paid: [1, 1, 1, 1, 1, 0] },
] as const;

/**
 * A second agency on its own paybill (174380), with the local sandbox's second organisation's Daraja app, passkey
 * and initiator: the sandbox's documented demo values for that organisation (sandbox/README.md), so the second
 * agency collects rent and pays out through its own credentials exactly as the first does through the environment's.
 */
export const secondAgency = {
  name: 'Umoja Lettings',
  paybillShortcode: '174380',
  credentials: {
    consumerKey: 'haven_second_consumer_key',
    consumerSecret: 'haven_second_consumer_secret',
    passkey: '4f1c0a3e8b2d47e59c6a1b7d3e9f20a64c8b1e5d7a3f9c2e6b0d4a8f1c3e5b7d',
    initiatorName: 'secondapi',
    initiatorPassword: 'Second123!!',
  },
  staff: [
    { role: 'admin', name: 'Kevin Omondi', email: 'admin@umoja.example.com', phone: '254701222333' },
    { role: 'landlord', name: 'Mary Wambui', email: 'landlord@umoja.example.com', phone: '254702333444' },
  ],
  tenant: { role: 'tenant', name: 'Joseph Mutiso', email: 'tenant@umoja.example.com', phone: '254722444556' },
  property: { code: 'UC', name: 'Umoja Court', location: 'Moi Drive, Umoja, Nairobi', units: ['1A', '1B', '2A', '2B'] },
  leasedUnit: '1A',
  rentKes: 14_000,
} as const;
