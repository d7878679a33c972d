import { type FieldProps, TextField, useRecordContext, useTranslate } from 'react-admin';

/** A text field that the server may have hidden (null on a masked record): say so instead of showing nothing. */
export const MaskableField = (props: FieldProps) => {
  const record = useRecordContext();
  const translate = useTranslate();
  return (
    <TextField {...props} emptyText={record?.masked ? `(${translate('kyc.masked.hidden')})` : undefined} />
  );
};
