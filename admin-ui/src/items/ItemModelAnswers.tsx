import { Box, Chip, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useRecordContext, useTranslate } from 'react-admin';
import { Link } from 'react-router';
import { experimentsApi } from '../experiments/experimentsApi';
import { ResultDetails } from '../experiments/ResultDetails';
import type { ItemAnswerView } from '../experiments/experimentTypes';
import { useFormats } from '../experiments/format';
import { HistoryState } from './HistoryState';
import type { ItemRecord } from './itemRecord';

const A = 'pace.experiments.answers';

/** What each evaluated checkpoint answered to this item, newest first: the text, what the parser read, the score. */
export const ItemModelAnswers = (_props: { label?: false }) => {
  const item = useRecordContext<ItemRecord>();
  const translate = useTranslate();
  const f = useFormats();
  const query = useQuery({
    queryKey: ['items', 'history', String(item?.id), 'model-answers'],
    queryFn: async () => newestFirst(await experimentsApi.itemAnswers(item!.id)),
    enabled: item?.id !== undefined,
  });
  return (
    <HistoryState query={query} empty={`${A}.empty`}>
      {() => (
        <Table size="small" aria-label={translate(`${A}.tab`)}>
          <TableHead>
            <TableRow>
              {['checkpoint', 'evaluation', 'answer', 'parsed', 'score', 'details'].map((c) => (
                <TableCell key={c}>{translate(`${A}.${c}`)}</TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {query.data!.map((a) => (
              <TableRow key={`${a.evaluationId}:${a.suite}:${a.shots}`} sx={{ verticalAlign: 'top' }} data-testid={`answer-${a.evaluationId}`}>
                <TableCell>
                  {a.experimentId ? <Link to={`/experiments/${a.experimentId}`}>{a.experimentName ?? a.experimentId}</Link> : translate(`${A}.no_experiment`)}
                  <Typography variant="caption" component="div">
                    {translate(`${A}.epoch`, { epoch: f.int(a.epoch) })}
                  </Typography>
                </TableCell>
                <TableCell>
                  <Typography variant="body2">{[a.backend, a.split && translate(`pace.split.${a.split}`), a.shots ? translate(`${A}.shots`, { n: a.shots }) : null].filter(Boolean).join(' · ')}</Typography>
                  <Typography variant="caption" color="text.secondary">
                    {f.date(a.evaluatedAt)}
                  </Typography>
                </TableCell>
                <TableCell sx={{ maxWidth: 480 }}>
                  {a.answer == null ? (
                    <Typography color="text.secondary" variant="body2">
                      {translate(`${A}.no_answer`)}
                    </Typography>
                  ) : (
                    <Box component="pre" sx={{ m: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-word', fontFamily: 'inherit' }}>
                      {a.answer}
                    </Box>
                  )}
                </TableCell>
                <TableCell sx={{ fontFamily: 'monospace' }}>{a.parsed ?? '—'}</TableCell>
                <TableCell>
                  <Chip size="small" color={a.score >= 1 ? 'success' : a.score > 0 ? 'warning' : 'default'} label={translate(a.score >= 1 ? `${A}.correct` : `${A}.wrong`, { score: f.num(a.score, 3) })} />
                  <Typography variant="caption" color="text.secondary" component="div">
                    {translate(`${A}.expected`, { score: f.num(a.expected, 3) })}
                  </Typography>
                </TableCell>
                <TableCell sx={{ maxWidth: 320 }}>
                  <ResultDetails details={a.details} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </HistoryState>
  );
};

function newestFirst(rows: ItemAnswerView[]): ItemAnswerView[] {
  return [...rows].sort((a, b) => b.evaluatedAt.localeCompare(a.evaluatedAt) || b.epoch - a.epoch);
}
