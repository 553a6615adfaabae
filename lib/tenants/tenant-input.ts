import { z } from 'zod';
import { normalizeKenyanPhone } from '@/lib/phone';
import { optionalText, requiredText } from '@/lib/validation/form-fields';

export const tenantSchema = z.object({
  name: requiredText('the tenant’s full name', 120),
  phone: z.string().trim().min(1, 'Enter the tenant’s M-Pesa phone number').transform((v, ctx) => {
    const r = normalizeKenyanPhone(v);
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', message: r.message });
      return z.NEVER;
    }
    return r.msisdn;
  }),
  email: z.string().trim().toLowerCase().min(1, 'Enter the tenant’s email: they sign in with it').max(254).email('Enter a valid email address, like name@example.com'),
  idNumber: optionalText(20).refine((v) => v === null || /^[A-Za-z0-9]{4,20}$/.test(v), 'An ID or passport number has 4 to 20 letters and digits'),
});
export type TenantInput = z.output<typeof tenantSchema>;

export const acceptInviteSchema = z.object({
  token: z.string().min(20).max(100),
  password: z.string().min(10, 'Use at least 10 characters').max(200, 'Use at most 200 characters'),
  confirm: z.string(),
}).refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'The two passwords are not the same' });
