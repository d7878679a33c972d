import {
  Card,
  CardContent,
  MenuItem,
  Stack,
  TextField,
  ToggleButton,
  ToggleButtonGroup,
  Typography,
} from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslate } from 'react-admin';
import { toIso } from '../common/toIso';
import {
  allowedGranularities,
  autoGranularity,
  type DashboardQuery,
  GRANULARITIES,
  LANGUAGES,
  type Preset,
  PRESETS,
  resolveRange,
} from './rangeQuery';

const t = (key: string) => `kyc.analytics.range.${key}`;

/** An instant as a datetime-local input shows it: the browser's local time, to the minute. */
function toLocalInput(iso: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  const local = new Date(d.getTime() - d.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

/** A text filter applied when the user leaves the field or presses Enter, not on every key. */
const DeferredText = ({
  label,
  value,
  onCommit,
  name,
}: {
  label: string;
  value: string;
  onCommit: (value: string) => void;
  name: string;
}) => {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const commit = () => draft.trim() !== value && onCommit(draft.trim());
  return (
    <TextField
      size="small"
      fullWidth={false}
      sx={{ width: 200 }}
      name={name}
      label={label}
      value={draft}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => e.key === 'Enter' && commit()}
    />
  );
};

/** A small select whose empty choice means "not set" (auto, all languages). */
const OptionSelect = <V extends string>({
  name,
  label,
  value,
  empty,
  options,
  onChange,
}: {
  name: string;
  label: string;
  value: V | undefined;
  empty: string;
  options: { value: V; label: string; disabled?: boolean }[];
  onChange: (value: V | undefined) => void;
}) => (
  <TextField
    select
    size="small"
    fullWidth={false}
    name={name}
    label={label}
    value={value ?? ''}
    onChange={(e) => onChange((e.target.value || undefined) as V | undefined)}
    sx={{ width: 190 }}
  >
    <MenuItem value="">{empty}</MenuItem>
    {options.map((o) => (
      <MenuItem key={o.value} value={o.value} disabled={o.disabled}>
        {o.label}
      </MenuItem>
    ))}
  </TextField>
);

/**
 * The range (today, 7, 30 or 90 days, or custom), the granularity (auto by the range's length, or chosen
 * among those the server allows for it) and the partner and language filters; every change goes to the URL.
 */
export const RangePicker = ({
  query,
  onChange,
}: {
  query: DashboardQuery;
  onChange: (next: DashboardQuery) => void;
}) => {
  const translate = useTranslate();
  const { from, to } = resolveRange(query, new Date());
  const allowed = allowedGranularities(from, to);
  const auto = autoGranularity(from, to);
  const set = (patch: Partial<DashboardQuery>) => {
    const next = { ...query, ...patch };
    // A granularity chosen for another range may give too many points for this one: back to auto.
    const range = resolveRange(next, new Date());
    if (next.granularity && !allowedGranularities(range.from, range.to).includes(next.granularity)) {
      delete next.granularity;
    }
    onChange(next);
  };
  const choosePreset = (preset: Preset) =>
    preset === 'custom'
      ? set({ range: 'custom', from: from.toISOString(), to: to.toISOString() })
      : set({ range: preset, from: undefined, to: undefined });
  const setBound = (key: 'from' | 'to', value: string) => {
    const iso = toIso(value);
    const other = key === 'from' ? query.to : query.from;
    if (!iso || !other) return;
    const [a, b] = key === 'from' ? [iso, other] : [other, iso];
    if (a < b) set({ [key]: iso });
  };

  return (
    <Card data-testid="range-picker">
      <CardContent>
        <Stack direction="row" spacing={2} useFlexGap flexWrap="wrap" alignItems="center">
          <ToggleButtonGroup
            size="small"
            exclusive
            value={query.range}
            onChange={(_, value: Preset | null) => value && choosePreset(value)}
            aria-label={translate(t('label'))}
          >
            {PRESETS.map((p) => (
              <ToggleButton key={p} value={p}>
                {translate(t(p))}
              </ToggleButton>
            ))}
          </ToggleButtonGroup>
          {query.range === 'custom' &&
            (['from', 'to'] as const).map((bound) => (
              <TextField
                key={bound}
                size="small"
                type="datetime-local"
                fullWidth={false}
                name={bound}
                label={translate(t(bound))}
                value={toLocalInput(query[bound] ?? '')}
                onChange={(e) => setBound(bound, e.target.value)}
                slotProps={{ inputLabel: { shrink: true } }}
              />
            ))}
          <OptionSelect
            name="granularity"
            label={translate(t('granularity'))}
            value={query.granularity}
            empty={translate(t('auto'), { granularity: translate(`kyc.analytics.granularity.${auto}`) })}
            options={GRANULARITIES.map((g) => ({
              value: g,
              label: translate(`kyc.analytics.granularity.${g}`),
              disabled: !allowed.includes(g),
            }))}
            onChange={(granularity) => set({ granularity })}
          />
          <DeferredText
            name="partner_id"
            label={translate(t('partner_id'))}
            value={query.partner_id ?? ''}
            onCommit={(v) => set({ partner_id: v || undefined })}
          />
          <OptionSelect
            name="language"
            label={translate(t('language'))}
            value={query.language}
            empty={translate(t('all_languages'))}
            options={LANGUAGES.map((l) => ({
              value: l,
              label: translate(`resources.review-cases.choices.language.${l}`),
            }))}
            onChange={(language) => set({ language })}
          />
        </Stack>
        <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 1 }}>
          {translate(t('utc_note'))}
        </Typography>
      </CardContent>
    </Card>
  );
};
