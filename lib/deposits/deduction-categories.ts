/** Why part of a deposit is kept (shared by the form, the list and the service). */
export const DEDUCTION_CATEGORIES = ['damage', 'cleaning', 'unpaid_bills', 'keys', 'other'] as const;
export type DeductionCategory = (typeof DEDUCTION_CATEGORIES)[number];
export const deductionCategoryLabel: Record<DeductionCategory, string> = {
  damage: 'Damage', cleaning: 'Cleaning', unpaid_bills: 'Unpaid bills', keys: 'Keys and locks', other: 'Other',
};
