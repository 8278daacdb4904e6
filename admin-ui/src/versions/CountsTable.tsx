import { Table, TableBody, TableCell, TableHead, TableRow, Tooltip, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { SplitCounts, SplitName } from './versionTypes';
import { useAbilityNames } from '../growth/useGrowth';

const SPLITS: SplitName[] = ['train', 'valid', 'test'];

/** Items per ability × split, with the open-ended eval items left out for want of distractors beside them. */
export const CountsTable = ({ counts, missing }: { counts: SplitCounts; missing: SplitCounts }) => {
  const translate = useTranslate();
  const abilityNames = useAbilityNames();
  const abilities = [...new Set([...Object.keys(counts), ...Object.keys(missing)])].sort();
  const cell = (c: SplitCounts, a: string, s: SplitName | 'total') => c[a]?.[s] ?? 0;
  const sum = (c: SplitCounts, s: SplitName | 'total') => abilities.reduce((n, a) => n + cell(c, a, s), 0);
  const missingText = (a: string | null) => {
    const v = a === null ? sum(missing, 'valid') : cell(missing, a, 'valid');
    const t = a === null ? sum(missing, 'test') : cell(missing, a, 'test');
    return v + t === 0 ? '—' : `${translate('pace.versions.split.valid')} ${v} · ${translate('pace.versions.split.test')} ${t}`;
  };
  return (
    <>
      <Table size="small" aria-label={translate('pace.versions.counts.title')}>
        <TableHead>
          <TableRow>
            <TableCell>{translate('pace.versions.counts.ability')}</TableCell>
            {[...SPLITS, 'total' as const].map((s) => (
              <TableCell key={s} align="right">
                {translate(`pace.versions.split.${s}`)}
              </TableCell>
            ))}
            <TableCell>
              <Tooltip title={translate('pace.versions.counts.missing_help')}>
                <span>{translate('pace.versions.counts.missing')}</span>
              </Tooltip>
            </TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {abilities.map((a) => (
            <TableRow key={a}>
              <TableCell title={a}>{abilityNames[a] ?? a}</TableCell>
              {[...SPLITS, 'total' as const].map((s) => (
                <TableCell key={s} align="right">
                  {cell(counts, a, s).toLocaleString()}
                </TableCell>
              ))}
              <TableCell sx={{ color: missingText(a) === '—' ? 'text.secondary' : 'warning.main' }}>{missingText(a)}</TableCell>
            </TableRow>
          ))}
          <TableRow>
            <TableCell sx={{ fontWeight: 600 }}>{translate('pace.versions.counts.total')}</TableCell>
            {[...SPLITS, 'total' as const].map((s) => (
              <TableCell key={s} align="right" sx={{ fontWeight: 600 }}>
                {sum(counts, s).toLocaleString()}
              </TableCell>
            ))}
            <TableCell sx={{ fontWeight: 600 }}>{missingText(null)}</TableCell>
          </TableRow>
        </TableBody>
      </Table>
      {sum(missing, 'valid') + sum(missing, 'test') === 0 && (
        <Typography variant="caption" color="text.secondary">
          {translate('pace.versions.counts.none_missing')}
        </Typography>
      )}
    </>
  );
};
