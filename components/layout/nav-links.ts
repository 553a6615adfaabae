import type { UserRole } from '@/db/schema/users';

export const navLinks: Record<UserRole, { href: string; label: string }[]> = {
  tenant: [
    { href: '/tenant', label: 'Home' },
    { href: '/tenant/pay', label: 'Pay rent' },
    { href: '/tenant/payments', label: 'Payments' },
    { href: '/account', label: 'Account' },
  ],
  landlord: [
    { href: '/landlord', label: 'Home' },
    { href: '/payouts', label: 'Refunds & payouts' },
    { href: '/account', label: 'Account' },
  ],
  admin: [
    { href: '/admin', label: 'Overview' },
    { href: '/payouts', label: 'Payouts' },
    { href: '/admin/mpesa', label: 'M-Pesa log' },
    { href: '/admin/users', label: 'People' },
    { href: '/account', label: 'Account' },
  ],
};
