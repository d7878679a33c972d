const choices = (field: string, ids: readonly string[]) =>
  ids.map((id) => ({ id, name: `resources.aml-follow-ups.choices.${field}.${id}` }));

/** The values of the list's filters (docs/ADMIN-API.md, "AML follow-ups"); the server checks them. */
export const STATUS_CHOICES = choices('status', ['open', 'resolved']);
export const DUE_WITHIN_CHOICES = choices('due_within', ['7', '14', '30']);
