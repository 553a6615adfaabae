import 'server-only';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { getAgency, getAgencyCredentials, updateAgency, upsertAgencyCredentials } from '@/db/queries/agency-settings';
import { recordAudit } from '@/db/queries/audit';
import { LATE_FEE_KINDS } from '@/db/schema/agencies';
import type { Caller } from '@/lib/auth/caller';
import { maskSecret } from '@/lib/crypto/secret-box';
import { AppError } from '@/lib/errors';
import { dayOfMonth, kesAmount, requiredText } from '@/lib/validation/form-fields';
import { forgetAgencyMpesaConfigs } from './agency-mpesa-config';
import { openAgencySecret, sealAgencySecret, type AgencySecretField } from './agency-secrets';

/**
 * An agency's settings, for its admins only. Secrets are write-only: the form shows whether each is set and its
 * last four characters, never the value; leaving a secret field empty keeps the stored one.
 */

const shortcode = (label: string) => z.string().trim().regex(/^\d{5,7}$/, `Enter the ${label}: 5 to 7 digits`);
const percent = z.union([z.string(), z.number()]).transform((v) => String(v).trim() || '0').pipe(
  z.string().regex(/^\d{1,3}(\.\d{1,2})?$/, 'Enter a percent, like 10 or 7.5').transform((v) => Math.round(Number(v) * 100)).refine((b) => b <= 10_000, 'At most 100%'),
);

export const agencySettingsSchema = z.object({
  name: requiredText('the agency name', 120),
  payoutApprovalThreshold: kesAmount({ label: 'the approval threshold' }),
  // Optional so API clients written before the 24 h limits keep working: a missing limit keeps the stored one.
  moneyOutDailyRequesterLimit: kesAmount({ label: 'the 24 h limit per requester' }).optional(),
  moneyOutDailyPhoneLimit: kesAmount({ label: 'the 24 h limit per phone' }).optional(),
  // Optional for the same reason: a client that does not send it keeps the stored threshold.
  lowBalanceThreshold: kesAmount({ label: 'the low-balance threshold' }).optional(),
  lateFeeKind: z.enum(LATE_FEE_KINDS, { error: 'Choose a late-fee rule' }),
  lateFeeFixed: kesAmount({ label: 'the late fee' }),
  lateFeePercent: percent,
  lateFeeAfterDays: z.coerce.number({ error: 'Enter a number of days' }).int('Whole days').min(0, 'At least 0 days').max(60, 'At most 60 days'),
  defaultBillingDay: dayOfMonth('billing day'),
  defaultDueDay: dayOfMonth('due day'),
  defaultCommissionPercent: percent,
}).refine((v) => v.lateFeeKind !== 'fixed' || v.lateFeeFixed > 0, { path: ['lateFeeFixed'], message: 'Enter the fixed late fee' })
  .refine((v) => v.lateFeeKind !== 'percent' || v.lateFeePercent > 0, { path: ['lateFeePercent'], message: 'Enter the late-fee percent' })
  .refine((v) => v.defaultBillingDay <= v.defaultDueDay, { path: ['defaultBillingDay'], message: 'Rent is billed on or before the day it is due' });

const optionalSecret = z.string().trim().max(4000).optional().transform((v) => (v ? v : undefined));
export const mpesaCredentialsSchema = z.object({
  paybillShortcode: shortcode('paybill number'),
  b2cShortcode: z.union([z.literal(''), shortcode('B2C shortcode')]).optional().transform((v) => (v ? v : null)),
  consumerKey: optionalSecret,
  consumerSecret: optionalSecret,
  passkey: optionalSecret,
  initiatorName: requiredText('the initiator (API operator) name', 60),
  securityCredential: optionalSecret,
  initiatorPassword: optionalSecret,
});

function requireAdmin(caller: Caller) {
  if (caller.role !== 'admin') throw new AppError('not_found', 'Not found');
}

export async function getAgencySettingsView(db: Db, { caller }: { caller: Caller }) {
  requireAdmin(caller);
  const agency = await getAgency(db, { agencyId: caller.agencyId });
  if (!agency) throw new AppError('not_found', 'Not found');
  const creds = await getAgencyCredentials(db, { agencyId: caller.agencyId });
  const masked = (field: AgencySecretField, sealed: string | null | undefined) => {
    if (!sealed) return null;
    try {
      return maskSecret(openAgencySecret({ agencyId: caller.agencyId, field, sealed }));
    } catch {
      return 'set (cannot be read with this HAVEN_ENCRYPTION_KEY)';
    }
  };
  return {
    agency,
    credentials: {
      configured: !!creds,
      initiatorName: creds?.initiatorName ?? null,
      consumerKey: masked('consumerKey', creds?.consumerKeyEnc),
      consumerSecret: masked('consumerSecret', creds?.consumerSecretEnc),
      passkey: masked('passkey', creds?.passkeyEnc),
      securityCredential: masked('securityCredential', creds?.securityCredentialEnc),
      initiatorPassword: masked('initiatorPassword', creds?.initiatorPasswordEnc),
      updatedAt: creds?.updatedAt ?? null,
    },
  };
}

export async function updateAgencySettings(db: Db, { caller, input }: { caller: Caller; input: z.output<typeof agencySettingsSchema> }) {
  requireAdmin(caller);
  return db.transaction(async (tx) => {
    const before = await getAgency(tx, { agencyId: caller.agencyId });
    const after = await updateAgency(tx, {
      agencyId: caller.agencyId,
      set: {
        name: input.name, payoutApprovalThresholdCents: input.payoutApprovalThreshold, lateFeeKind: input.lateFeeKind, lateFeeFixedCents: input.lateFeeFixed,
        lateFeePercentBps: input.lateFeePercent, lateFeeAfterDays: input.lateFeeAfterDays, defaultBillingDay: input.defaultBillingDay, defaultDueDay: input.defaultDueDay,
        defaultCommissionBps: input.defaultCommissionPercent,
        ...(input.moneyOutDailyRequesterLimit === undefined ? {} : { moneyOutDailyRequesterLimitCents: input.moneyOutDailyRequesterLimit }),
        ...(input.moneyOutDailyPhoneLimit === undefined ? {} : { moneyOutDailyPhoneLimitCents: input.moneyOutDailyPhoneLimit }),
        ...(input.lowBalanceThreshold === undefined ? {} : { lowBalanceThresholdCents: input.lowBalanceThreshold }),
      },
    });
    const { id: _id, createdAt: _c, updatedAt: _u, ...was } = before!;
    void _id; void _c; void _u;
    await recordAudit(tx, { actor: caller, agencyId: caller.agencyId, action: 'agency.settings_updated', targetType: 'agency', targetId: caller.agencyId, details: { before: was, after: input } });
    return after;
  });
}

/** Stores the agency's Daraja credentials, sealed. The first save needs every secret; later ones keep blanks. */
export async function updateAgencyCredentials(db: Db, { caller, input }: { caller: Caller; input: z.output<typeof mpesaCredentialsSchema> }) {
  requireAdmin(caller);
  const agencyId = caller.agencyId;
  await db.transaction(async (tx) => {
    const existing = await getAgencyCredentials(tx, { agencyId });
    const seal = (field: AgencySecretField, value: string | undefined, current: string | null | undefined) => (value ? sealAgencySecret({ agencyId, field, value }) : current ?? null);
    const consumerKeyEnc = seal('consumerKey', input.consumerKey, existing?.consumerKeyEnc);
    const consumerSecretEnc = seal('consumerSecret', input.consumerSecret, existing?.consumerSecretEnc);
    const passkeyEnc = seal('passkey', input.passkey, existing?.passkeyEnc);
    const missing = [!consumerKeyEnc && 'consumerKey', !consumerSecretEnc && 'consumerSecret', !passkeyEnc && 'passkey'].filter(Boolean) as string[];
    const securityCredentialEnc = seal('securityCredential', input.securityCredential, existing?.securityCredentialEnc);
    const initiatorPasswordEnc = seal('initiatorPassword', input.initiatorPassword, existing?.initiatorPasswordEnc);
    if (!securityCredentialEnc && !initiatorPasswordEnc) missing.push('initiatorPassword');
    if (missing.length > 0) {
      throw new AppError('invalid_request', 'Enter every credential the first time', { details: { fields: missing.map((path) => ({ path, message: path === 'initiatorPassword' ? 'Enter the initiator password or a security credential' : 'Required the first time' })) } });
    }
    try {
      await updateAgency(tx, { agencyId, set: { paybillShortcode: input.paybillShortcode, b2cShortcode: input.b2cShortcode } });
    } catch (error) {
      if (/agencies_paybill_key/.test(`${String(error)} ${String((error as { cause?: unknown }).cause ?? '')}`)) {
        throw new AppError('invalid_request', 'Another agency on Haven uses this paybill', { details: { fields: [{ path: 'paybillShortcode', message: 'Another agency on Haven uses this paybill' }] } });
      }
      throw error;
    }
    await upsertAgencyCredentials(tx, { agencyId, consumerKeyEnc: consumerKeyEnc!, consumerSecretEnc: consumerSecretEnc!, passkeyEnc: passkeyEnc!, initiatorName: input.initiatorName, securityCredentialEnc, initiatorPasswordEnc, updatedBy: caller.id });
    // Which secrets changed, never their values.
    const changed = (['consumerKey', 'consumerSecret', 'passkey', 'securityCredential', 'initiatorPassword'] as const).filter((k) => !!input[k]);
    await recordAudit(tx, { actor: caller, agencyId, action: 'agency.mpesa_credentials_updated', targetType: 'agency', targetId: agencyId, details: { paybillShortcode: input.paybillShortcode, b2cShortcode: input.b2cShortcode, initiatorName: input.initiatorName, secretsChanged: changed } });
  });
  // After the commit: the very next Daraja request of this process uses what was saved.
  forgetAgencyMpesaConfigs();
}
