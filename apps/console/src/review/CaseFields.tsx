import HourglassTopIcon from '@mui/icons-material/HourglassTop';
import { Chip, Stack, Typography } from '@mui/material';
import { useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import type { FailureBadges as Badges, QueueRow } from './types';

type FieldProps = { label?: string; source?: string };

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "3 hours ago" / "vor 3 Stunden": the largest whole unit, in the console's language. */
export function humanAge(since: string, locale: string, now = Date.now()): string {
  const ms = new Date(since).getTime() - now;
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(ms) >= size) return format.format(Math.trunc(ms / size), unit);
  }
  return format.format(0, 'minute');
}

export const PersonName = (_props: FieldProps) => {
  const record = useRecordContext<QueueRow>();
  if (!record) return null;
  return (
    <Typography variant="body2" fontWeight={500}>
      {[record.first_name, record.last_name].filter(Boolean).join(' ')}
    </Typography>
  );
};

/** How long the case has been open, humanised; the exact time in the tooltip. */
export const AgeField = (_props: FieldProps) => {
  const record = useRecordContext<QueueRow>();
  const [locale = 'en'] = useLocaleState();
  if (!record?.case_opened_at) return null;
  return (
    <Typography
      variant="body2"
      component="span"
      title={new Date(record.case_opened_at).toLocaleString(locale)}
    >
      {humanAge(record.case_opened_at, locale)}
    </Typography>
  );
};

/**
 * When the 24-hour SLA ends, and a red chip once it has (the server says so: its clock decides); an
 * "Escalated" chip once the review SLA job escalated the case, with the time in its tooltip.
 */
export const SlaField = (_props: FieldProps) => {
  const record = useRecordContext<{
    case_due_at: string | null;
    overdue: boolean;
    escalated_at?: string | null;
  }>();
  const translate = useTranslate();
  const [locale = 'en'] = useLocaleState();
  if (!record?.case_due_at) return null;
  return (
    <Stack direction="row" spacing={1} alignItems="center">
      <Typography variant="body2" component="span">
        {new Date(record.case_due_at).toLocaleString(locale)}
      </Typography>
      {record.overdue && (
        <Chip
          label={translate('resources.review-cases.chips.overdue')}
          color="error"
          size="small"
          data-testid="case-overdue"
        />
      )}
      {record.escalated_at && (
        <Chip
          label={translate('resources.review-cases.chips.escalated')}
          color="error"
          variant="outlined"
          size="small"
          title={new Date(record.escalated_at).toLocaleString(locale)}
          data-testid="case-escalated"
        />
      )}
    </Stack>
  );
};

export const AssigneeField = (_props: FieldProps) => {
  const record = useRecordContext<QueueRow>();
  const translate = useTranslate();
  if (!record) return null;
  return record.assignee_id ? (
    <Typography variant="body2" component="span" data-testid="case-assignee">
      {record.assignee_name ?? record.assignee_id}
    </Typography>
  ) : (
    <Typography variant="body2" component="span" color="text.secondary" data-testid="case-assignee">
      {translate('resources.review-cases.unassigned')}
    </Typography>
  );
};

export const AwaitingApprovalChip = (_props: FieldProps) => {
  const record = useRecordContext<{ awaiting_approval?: boolean; proposals?: { state: string }[] }>();
  const translate = useTranslate();
  const awaiting =
    record?.awaiting_approval ?? record?.proposals?.some((p) => p.state === 'pending') ?? false;
  if (!awaiting) return null;
  return (
    <Chip
      icon={<HourglassTopIcon />}
      label={translate('resources.review-cases.chips.awaiting_approval')}
      color="secondary"
      size="small"
      data-testid="case-awaiting-approval"
    />
  );
};

/**
 * The failure catalog's verdict on the reason (category, permanent, caused by the user) as the server gives
 * it; nothing when it does not: the console keeps no copy of the catalog.
 */
export const FailureBadges = (_props: FieldProps) => {
  const record = useRecordContext<Badges>();
  const translate = useTranslate();
  if (!record) return null;
  const t = (key: string) => translate(`resources.review-cases.chips.${key}`);
  const { failure_category: category, failure_permanent: permanent, failure_caused_by_user: user } = record;
  if (!category && permanent == null && !user) return null;
  return (
    <Stack direction="row" spacing={0.5} flexWrap="wrap" useFlexGap data-testid="failure-badges">
      {category && (
        <Chip
          label={translate(`resources.review-cases.choices.category.${category}`, { _: category })}
          size="small"
          variant="outlined"
        />
      )}
      {permanent != null && (
        <Chip
          label={t(permanent ? 'permanent' : 'temporary')}
          color={permanent ? 'error' : 'default'}
          size="small"
          variant="outlined"
        />
      )}
      {user && (
        <Chip
          label={t(`user_caused_${user}`)}
          color={user === 'yes' ? 'warning' : 'default'}
          size="small"
          variant="outlined"
        />
      )}
    </Stack>
  );
};

/** The provider's result with the failure reason below it. */
export const ProviderResultField = (_props: FieldProps) => {
  const record = useRecordContext<QueueRow>();
  if (!record?.provider_result && !record?.failure_reason) return null;
  return (
    <Stack>
      <Typography variant="body2" component="span">
        {record.provider_result}
      </Typography>
      {record.failure_reason && (
        <Typography variant="caption" color="text.secondary" component="span">
          {record.failure_reason}
        </Typography>
      )}
    </Stack>
  );
};
