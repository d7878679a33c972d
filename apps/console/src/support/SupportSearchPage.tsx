import SearchIcon from '@mui/icons-material/Search';
import {
  Alert,
  Card,
  CardContent,
  Chip,
  InputAdornment,
  LinearProgress,
  List,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { type KeyboardEvent, useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Title, useTranslate } from 'react-admin';
import { SearchResultItem } from './SearchResultItem';
import { useSupportSearch } from './useSupportSearch';

const LISTBOX = 'support-search-results';
const optionId = (index: number) => `${LISTBOX}-${index}`;

/** One box: person or identification id, IDnow reference, email, phone, name (with a birth date). */
export const SupportSearchPage = () => {
  const translate = useTranslate();
  const navigate = useNavigate();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const { answer, loading, error, incomplete } = useSupportSearch(query);
  const results = answer?.results ?? [];
  const t = (key: string, options?: Record<string, unknown>) =>
    translate(`resources.support.search.${key}`, options);

  useEffect(() => setActive(0), [answer]);

  const open = (index: number) => {
    const result = results[index];
    if (result) void navigate(`/support/customers/${encodeURIComponent(result.person_id)}`);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (!results.length) return;
    if (event.key === 'ArrowDown') setActive((i) => Math.min(i + 1, results.length - 1));
    else if (event.key === 'ArrowUp') setActive((i) => Math.max(i - 1, 0));
    else if (event.key === 'Enter') open(active);
    else return;
    event.preventDefault();
  };

  return (
    <Card sx={{ mt: 2 }}>
      <Title title={translate('resources.support.name', { smart_count: 2 })} />
      <CardContent>
        <Stack spacing={2}>
          <TextField
            autoFocus
            fullWidth
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={onKeyDown}
            label={t('label')}
            helperText={t('help')}
            autoComplete="off"
            slotProps={{
              input: {
                startAdornment: (
                  <InputAdornment position="start">
                    <SearchIcon />
                  </InputAdornment>
                ),
              },
              htmlInput: {
                role: 'combobox',
                'aria-expanded': results.length > 0,
                'aria-controls': LISTBOX,
                'aria-autocomplete': 'list',
                'aria-activedescendant': results.length ? optionId(active) : undefined,
                'data-testid': 'support-search',
              },
            }}
          />
          <LinearProgress sx={{ visibility: loading ? 'visible' : 'hidden' }} />
          {error && (
            <Alert severity={incomplete ? 'info' : 'error'} data-testid="support-search-error">
              {error}
            </Alert>
          )}
          {answer && (
            <Stack direction="row" spacing={1} alignItems="center">
              <Typography variant="body2">{t('detected')}</Typography>
              <Chip
                size="small"
                label={t(`kinds.${answer.kind}`, { _: answer.kind })}
                data-testid="support-search-kind"
              />
              <Typography variant="body2" color="text.secondary">
                {t('count', { smart_count: results.length })}
              </Typography>
            </Stack>
          )}
          {answer && results.length === 0 && !loading && <Alert severity="info">{t('none')}</Alert>}
          {results.length > 0 && (
            <List id={LISTBOX} role="listbox" aria-label={t('results')} disablePadding>
              {results.map((result, index) => (
                <SearchResultItem
                  key={result.person_id}
                  id={optionId(index)}
                  result={result}
                  selected={index === active}
                  onOpen={() => open(index)}
                  onHover={() => setActive(index)}
                />
              ))}
            </List>
          )}
        </Stack>
      </CardContent>
    </Card>
  );
};
