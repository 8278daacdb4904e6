import { Typography } from '@mui/material';
import { useMemo } from 'react';
import { useFieldValue, useLocaleState, type FieldProps } from 'react-admin';

const EMPTY = '—';
const FORMATS = new Map<string, Intl.DateTimeFormat>();

/**
 * The one date format of the interface (issue 16 item 7): date and time to the minute, 24-hour clock, in the
 * interface language rather than the browser's. zh-CN reads `2026/12/07 15:04`, en `Dec 7, 2026, 15:04`.
 */
export function dateTimeFormat(locale: string): Intl.DateTimeFormat {
  let format = FORMATS.get(locale);
  if (!format) {
    const zh = locale.startsWith('zh');
    format = new Intl.DateTimeFormat(locale, {
      year: 'numeric',
      month: zh ? '2-digit' : 'short',
      day: zh ? '2-digit' : 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    FORMATS.set(locale, format);
  }
  return format;
}

/** An ISO string, epoch ms or Date in the interface's format; a dash for none (or a value that is no date). */
export function formatDateTime(value: string | number | Date | null | undefined, locale: string): string {
  if (value === null || value === undefined || value === '') return EMPTY;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? EMPTY : dateTimeFormat(locale).format(date);
}

/** formatDateTime in the current interface language. */
export function useFormatDate(): (value: string | number | Date | null | undefined) => string {
  const [locale] = useLocaleState();
  return useMemo(() => (value) => formatDateTime(value, locale), [locale]);
}

/** react-admin's DateField in the shared format: `<DateTimeField source="createdAt" />` or a DataTable column's `field`. */
export const DateTimeField = (props: FieldProps & { emptyText?: string }) => {
  const value = useFieldValue(props);
  const format = useFormatDate();
  if (value == null || value === '') return props.emptyText === undefined ? null : <Typography component="span" variant="body2">{props.emptyText}</Typography>;
  return (
    <Typography component="span" variant="body2">
      {format(value as string)}
    </Typography>
  );
};
