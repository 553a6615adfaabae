import type { UserRole } from '@/db/schema/users';

export const navLinks: Record<UserRole, { href: string; label: string }[]> = {
  tenant: [
    { href: '/tenant', label: 'Home' },
    { href: '/tenant/pay', label: 'Pay rent' },
    { href: '/tenant/payments', label: 'Payments' },
    { href: '/notifications', label: 'Messages' },
    { href: '/account', label: 'Account' },
  ],
  landlord: [
    { href: '/landlord', label: 'Home' },
    { href: '/properties', label: 'Properties' },
    { href: '/tenants', label: 'Tenants' },
    { href: '/leases', label: 'Leases' },
    { href: '/payments', label: 'Payments' },
    { href: '/payouts', label: 'Refunds & payouts' },
    { href: '/notifications', label: 'Messages' },
    { href: '/account', label: 'Account' },
  ],
  admin: [
    { href: '/admin', label: 'Overview' },
    { href: '/properties', label: 'Properties' },
    { href: '/tenants', label: 'Tenants' },
    { href: '/leases', label: 'Leases' },
    { href: '/payments', label: 'Payments' },
    { href: '/payouts', label: 'Payouts' },
    { href: '/admin/unmatched', label: 'Unmatched' },
    { href: '/admin/mpesa', label: 'M-Pesa log' },
    { href: '/admin/proof', label: 'Daily proof' },
    { href: '/admin/settings', label: 'Settings' },
    { href: '/admin/messages', label: 'Messages' },
    { href: '/admin/users', label: 'People' },
    { href: '/admin/audit', label: 'Audit log' },
    { href: '/account', label: 'Account' },
  ],
};
