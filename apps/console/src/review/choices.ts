const choices = (field: string, ids: readonly string[]) =>
  ids.map((id) => ({ id, name: `resources.review-cases.choices.${field}.${id}` }));

/** The values of the queue's filters (docs/ADMIN-API.md, "Review"); the server checks them. */
export const CATEGORY_CHOICES = choices('category', ['DATA', 'Technical', 'User', 'Other']);
export const USER_CAUSED_CHOICES = choices('user_caused', ['yes', 'no', 'unknown']);
export const LANGUAGE_CHOICES = choices('language', ['DE', 'EN']);
export const AGE_CHOICES = choices('age', ['lt_1h', '1h_24h', 'overdue']);
/** "Anyone" is no assignee filter at all (the select's empty choice). */
export const ASSIGNEE_CHOICES = choices('assignee', ['me', 'unassigned']);

export const PROPOSAL_STATES = ['pending', 'confirmed', 'declined', 'superseded'] as const;
export const PROPOSAL_STATE_CHOICES = PROPOSAL_STATES.map((id) => ({
  id,
  name: `resources.review-proposals.choices.state.${id}`,
}));
