import { z } from 'zod';

/** `POST /api/v1/mpesa/statement/register`: the number Safaricom has on the paybill's KYC record. */
export const registerPullSchema = z.object({
  nominatedNumber: z.string().trim().min(1, 'Enter the Safaricom number on the paybill’s KYC record').max(20),
});
