import { useMemo } from 'react';
import { useLocaleState } from 'react-admin';
import { formatDateTime } from '../i18n/dates';

export const DASH = '—';

export interface NumberFormats {
  /** Grouped integer: 12,345 (en) / 12,345 (zh-CN). */
  int(x: number | null | undefined): string;
  /** Up to `digits` fraction digits. */
  num(x: number | null | undefined, digits?: number): string;
  /** Exactly `digits` fraction digits: 25.0. */
  fixed(x: number | null | undefined, digits: number): string;
  /** 0–1 as a percentage with one decimal: 62.5%. */
  pct(x: number | null | undefined): string;
  /** A learning rate or another tiny number: 1e-5 → "1.0E-5". */
  sci(x: number | null | undefined): string;
  /** Parameters: 1.3B, 135M (en) / 13亿, 1.35亿 (zh-CN). */
  compact(x: number | null | undefined): string;
  /** Seconds as "1 h 5 min", "4 min 10 s", "12 s" (localised units). */
  duration(seconds: number | null | undefined): string;
  /** The interface's one date format (i18n/dates.tsx). */
  date(iso: string | null | undefined): string;
}

/** Number and date formats of the interface language (not the browser's), so the page reads alike throughout. */
export function useFormats(): NumberFormats {
  const [locale] = useLocaleState();
  return useMemo(() => formatsFor(locale), [locale]);
}

export function formatsFor(locale: string): NumberFormats {
  const int = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const pct = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const sci = new Intl.NumberFormat(locale, { notation: 'scientific', maximumFractionDigits: 2 });
  const compact = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 2 });
  const cache = new Map<string, Intl.NumberFormat>();
  const numFormat = (digits: number, fixed = false) => {
    const key = `${digits}:${fixed}`;
    if (!cache.has(key)) cache.set(key, new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: fixed ? digits : 0 }));
    return cache.get(key)!;
  };
  const zh = locale.startsWith('zh');
  const unit = (n: number, en: string, cn: string) => (zh ? `${n}${cn}` : `${n} ${en}`);
  const ok = (x: number | null | undefined): x is number => x != null && Number.isFinite(x);
  return {
    int: (x) => (ok(x) ? int.format(x) : DASH),
    num: (x, digits = 2) => (ok(x) ? numFormat(digits).format(x) : DASH),
    fixed: (x, digits) => (ok(x) ? numFormat(digits, true).format(x) : DASH),
    pct: (x) => (ok(x) ? pct.format(x) : DASH),
    sci: (x) => (ok(x) ? sci.format(x) : DASH),
    compact: (x) => (ok(x) ? compact.format(x) : DASH),
    duration: (s) => {
      if (!ok(s)) return DASH;
      const total = Math.max(0, Math.round(s));
      const h = Math.floor(total / 3600);
      const m = Math.floor((total % 3600) / 60);
      const sec = total % 60;
      if (h > 0) return [unit(h, 'h', '小时'), m > 0 ? unit(m, 'min', '分') : null].filter(Boolean).join(zh ? '' : ' ');
      if (m > 0) return [unit(m, 'min', '分'), sec > 0 ? unit(sec, 's', '秒') : null].filter(Boolean).join(zh ? '' : ' ');
      return unit(sec, 's', '秒');
    },
    date: (iso) => formatDateTime(iso, locale),
  };
}
