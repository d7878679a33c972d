import type { MouseEvent } from 'react';
import { type FieldProps, Link, useCreatePath, useFieldValue } from 'react-admin';

/**
 * An id as a link to its record's show page, without fetching the record (the persons list has no `id`
 * filter for getMany, and a person view is audited).
 */
export const IdLinkField = ({ reference, ...props }: FieldProps & { reference: string }) => {
  const value: unknown = useFieldValue(props);
  const createPath = useCreatePath();
  if (typeof value !== 'string' || !value) return null;
  return (
    <Link
      to={createPath({ resource: reference, id: value, type: 'show' })}
      onClick={(e: MouseEvent) => e.stopPropagation()}
      sx={{ fontFamily: 'monospace', fontSize: '0.8rem' }}
    >
      {value}
    </Link>
  );
};
