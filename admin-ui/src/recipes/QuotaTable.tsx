import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { quotaFor, type QuotaRule } from './recipeTypes';
import { useAbilityKeys } from './useAbilityKeys';

const Q = 'pace.recipes.quota';

/** The rule as a table: each ability (and any key the rule names that no longer exists) with its quota. */
export const QuotaTable = ({ rule, title }: { rule: QuotaRule; title: string }) => {
  const translate = useTranslate();
  const { keys, nameOf } = useAbilityKeys();
  const named = 'counts' in rule ? Object.keys(rule.counts) : 'caps' in rule ? Object.keys(rule.caps ?? {}) : [];
  const rows = [...new Set([...(keys ?? []), ...named])].sort();
  const text = (key: string) => {
    const q = quotaFor(rule, key);
    if (q.kind === 'exact') return String(q.n);
    if (q.kind === 'cap') return translate(`${Q}.cap`, { n: q.n });
    return translate(`${Q}.${q.kind}`);
  };
  return (
    <section aria-label={title}>
      <Typography variant="h6" component="h2" sx={{ mt: 2 }}>
        {title}
      </Typography>
      {'total' in rule && <Typography color="text.secondary">{translate(`${Q}.total`, { total: rule.total })}</Typography>}
      <Table size="small" sx={{ maxWidth: 560 }}>
        <TableHead>
          <TableRow>
            <TableCell>{translate(`${Q}.ability`)}</TableCell>
            <TableCell align="right">{translate(`${Q}.quota`)}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((key) => (
            <TableRow key={key}>
              <TableCell>
                {nameOf(key)} <Typography component="span" variant="caption" color="text.secondary" translate="no">{key}</Typography>
              </TableCell>
              <TableCell align="right">{text(key)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </section>
  );
};
