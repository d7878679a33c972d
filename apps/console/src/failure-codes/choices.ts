/** The catalog's categories, in the order the page groups them (labels shared with the analytics). */
export const CATEGORIES = ['DATA', 'Technical', 'User', 'Other'] as const;
export const categoryLabel = (category: string) => `kyc.analytics.category.${category}`;
export const CATEGORY_CHOICES = CATEGORIES.map((id) => ({ id, name: categoryLabel(id) }));
export const CAUSED_BY_USER_CHOICES = ['yes', 'no', 'unknown'].map((id) => ({
  id,
  name: `resources.failure-codes.choices.caused_by_user.${id}`,
}));

export interface Guidance {
  what_happened: string;
  next_step: string;
}

/** GET /admin/failure-codes: one catalog code with its guidance for staff and for the customer. */
export interface FailureCode {
  id: string;
  code: string;
  category: (typeof CATEGORIES)[number];
  description: string;
  permanent: boolean;
  caused_by_user: 'yes' | 'no' | 'unknown';
  retry: 'yes' | 'after_fix' | 'no';
  guidance: Record<'staff' | 'customer', Record<'en' | 'de', Guidance>>;
}
