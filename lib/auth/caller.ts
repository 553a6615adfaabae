import type { UserRole } from '@/db/schema/users';

/** Who is asking, as the server knows it from the session — never from a request field (invariant 6). */
export interface Caller {
  id: string;
  agencyId: string;
  role: UserRole;
  name: string;
  email: string;
  phone: string | null;
  /** Set when the request was made with a personal access token: audit rows name the token (lib/api-tokens). */
  apiTokenId?: string;
}

export const roleHome: Record<UserRole, string> = { admin: '/admin', landlord: '/landlord', tenant: '/tenant' };
