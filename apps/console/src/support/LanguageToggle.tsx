import { ToggleButton, ToggleButtonGroup } from '@mui/material';
import { useTranslate } from 'react-admin';
import { LANGUAGES } from './language';
import type { CustomerLanguage } from './types';

/** DE / EN, the customer's own language marked as such. */
export const LanguageToggle = ({
  value,
  customer,
  onChange,
  label,
}: {
  value: CustomerLanguage;
  customer: CustomerLanguage;
  onChange: (language: CustomerLanguage) => void;
  label: string;
}) => {
  const translate = useTranslate();
  return (
    <ToggleButtonGroup
      size="small"
      exclusive
      value={value}
      onChange={(_e, next: CustomerLanguage | null) => next && onChange(next)}
      aria-label={translate(label)}
    >
      {LANGUAGES.map((language) => (
        <ToggleButton
          key={language}
          value={language}
          aria-label={translate(`resources.support.languages.${language}`)}
        >
          {language.toUpperCase()}
          {language === customer ? ` (${translate('resources.support.customer_language')})` : ''}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
};
