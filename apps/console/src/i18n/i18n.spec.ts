import { describe, expect, it } from '@jest/globals';
import { de } from './de';
import { en } from './en';

/** Every leaf of a message tree, by its dotted key. */
function leaves(tree: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (message: string) => [...message.matchAll(/%\{(\w+)\}/g)].map((m) => m[1]).sort();
const pluralForms = (message: string) => message.split('||||').length;

describe('console messages', () => {
  const english = leaves(en);
  const german = leaves(de);

  it('has a German message for every English key (react-admin and the console), and no other', () => {
    expect([...german.keys()].sort()).toEqual([...english.keys()].sort());
    expect(english.size).toBeGreaterThan(300);
  });

  it('keeps the same placeholders and plural forms in German', () => {
    const mismatched = [...english].filter(
      ([key, message]) =>
        placeholders(message).join() !== placeholders(german.get(key) ?? '').join() ||
        pluralForms(message) !== pluralForms(german.get(key) ?? ''),
    );
    expect(mismatched.map(([key]) => key)).toEqual([]);
  });

  it('labels every field of the admin API contract in both languages', () => {
    const fields: Record<string, string[]> = {
      users: ['email', 'display_name', 'role', 'status', 'mfa_enabled', 'created_at', 'last_login_at'],
      'partner-clients': ['id', 'partner_id', 'partner_name', 'status', 'created_at', 'last_used_at'],
      'audit-events': [
        'occurred_at',
        'actor_id',
        'actor_email',
        'action',
        'entity_type',
        'entity_id',
        'diff',
      ],
      persons: ['first_name', 'last_name', 'birth_date', 'mobile_number', 'address.line_1', 'masked'],
      'webhook-subscriptions': ['partner_id', 'event_type', 'url', 'state', 'failed_deliveries'],
      'webhook-deliveries': ['status', 'attempts', 'next_attempt_at', 'last_status_code', 'webhook_id'],
      documents: [
        'name',
        'document_type',
        'content_type',
        'size',
        'source',
        'sha256',
        'provider_canceled_at',
      ],
      identifications: ['status', 'provider_result', 'failure_reason', 'flag_reasons', 'person_id'],
      'review-cases': [
        'status',
        'provider_result',
        'failure_reason',
        'failure_code',
        'category',
        'permanent',
        'user_caused',
        'language',
        'age',
        'assignee',
        'partner_id',
        'flagged',
        'awaiting_approval',
        'case_due_at',
      ],
      'review-proposals': ['identification_id', 'action', 'reason_code', 'proposed_by_name', 'state'],
    };
    const unlabeled = Object.entries(fields)
      .flatMap(([resource, names]) => names.map((name) => `resources.${resource}.fields.${name}`))
      .filter((key) => !english.get(key) || !german.get(key));
    expect(unlabeled).toEqual([]);
  });
});
