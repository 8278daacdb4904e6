import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Chip,
  LinearProgress,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TablePagination,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Title, useTranslate } from 'react-admin';
import { Link, useParams } from 'react-router';
import { useAbilityKeys } from '../recipes/useAbilityKeys';
import { EvaluationControls } from './EvaluationActions';
import { StatusChip } from './ExperimentStatus';
import { experimentsApi, type ResultsFilter } from './experimentsApi';
import type { AbilityScoreView, EvaluationView, ItemResultView } from './experimentTypes';
import { useFormats } from './format';
import { keys } from './liveExperiments';
import { ResultDetails } from './ResultDetails';
import { useEvaluation, useResultsPage, useResultsQuery } from './useEvaluationResults';

const R = 'pace.experiments.results';
const COLUMNS = ['item', 'ability', 'split', 'shots', 'answer', 'parsed', 'score', 'expected', 'details'] as const;
const PER_PAGE = [25, 50, 100];

/**
 * What one checkpoint answered, item by item (`GET /evaluations/:id/results`): the text, what the parser read,
 * the score and its random-guess expectation, how it was scored; filtered by suite, ability, split and shots.
 */
export const EvaluationResults = () => {
  const translate = useTranslate();
  const { id: experimentId, evaluationId } = useParams() as { id: string; evaluationId: string };
  const { data: evaluation, error } = useEvaluation(experimentId, evaluationId);
  const scores = useQuery({ queryKey: keys.part(experimentId, 'scores'), queryFn: () => experimentsApi.scores(experimentId) });
  const { filter, page, set } = useResultsQuery();
  const [perPage, setPerPage] = useState(PER_PAGE[0]);
  const results = useResultsPage(evaluationId, filter, page, perPage);
  const aggregates = scores.data?.epochs.find((e) => e.evaluationId === evaluationId)?.scores ?? [];
  return (
    <Box sx={{ mt: 2 }}>
      <Title title={evaluation ? translate(`${R}.title`, { epoch: evaluation.epoch, backend: evaluation.backend }) : `${R}.loading`} />
      <Button component={Link} to={`/experiments/${experimentId}`} startIcon={<ArrowBackIcon />} size="small">
        {translate(`${R}.back`)}
      </Button>
      {error && <Alert severity="error">{translate('pace.experiments.load_failed', { message: error.message })}</Alert>}
      {evaluation && <Header evaluation={evaluation} />}
      <Card sx={{ mt: 2 }}>
        <CardContent>
          {evaluation && <Filters filter={filter} suites={evaluation.suites} aggregates={aggregates} onChange={set} />}
          {results.error && <Alert severity="error">{translate('pace.experiments.load_failed', { message: results.error.message })}</Alert>}
          {results.isFetching && <LinearProgress aria-label={translate(`${R}.loading`)} />}
          {results.data && results.data.total === 0 && (
            <Typography color="text.secondary" sx={{ mt: 1 }}>
              {translate(Object.keys(filter).length ? `${R}.none_match` : `${R}.empty`)}
            </Typography>
          )}
          {results.data && results.data.total > 0 && (
            <>
              <ResultsTable rows={results.data.rows} />
              <TablePagination
                component="div"
                count={results.data.total}
                page={Math.min(page, Math.max(0, Math.ceil(results.data.total / perPage) - 1))}
                rowsPerPage={perPage}
                rowsPerPageOptions={PER_PAGE}
                onPageChange={(_, p) => set({ page: p ? String(p) : '' })}
                onRowsPerPageChange={(e) => {
                  setPerPage(Number(e.target.value));
                  set({ page: '' });
                }}
                labelRowsPerPage={translate(`${R}.per_page`)}
                labelDisplayedRows={({ from, to, count }) => translate(`${R}.displayed`, { from, to, count })}
              />
            </>
          )}
        </CardContent>
      </Card>
    </Box>
  );
};

const Header = ({ evaluation: e }: { evaluation: EvaluationView }) => {
  const translate = useTranslate();
  const f = useFormats();
  return (
    <Card sx={{ mt: 1 }}>
      <CardContent>
        <Stack direction="row" spacing={2} alignItems="center" flexWrap="wrap" useFlexGap>
          <Typography variant="h5" component="h1">
            {translate(`${R}.title`, { epoch: e.epoch, backend: e.backend })}
          </Typography>
          <StatusChip status={e.status} />
          <EvaluationControls evaluation={e} />
        </Stack>
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          {[
            e.suites.map((s) => translate(`pace.experiments.scores.suite.${s}`)).join(', '),
            translate('pace.experiments.evaluations.requests', { done: f.int(e.progress.requestsDone), total: f.int(e.progress.requestsTotal) }),
            e.finishedAt && translate(`${R}.finished`, { date: f.date(e.finishedAt) }),
          ]
            .filter(Boolean)
            .join(' · ')}
        </Typography>
        {e.failureReason && (
          <Alert severity="error" sx={{ mt: 1, whiteSpace: 'pre-wrap' }}>
            {e.failureReason}
          </Alert>
        )}
      </CardContent>
    </Card>
  );
};

/** Suite from the evaluation; ability and shots from its aggregated scores (there once it has completed). */
const Filters = ({
  filter,
  suites,
  aggregates,
  onChange,
}: {
  filter: ResultsFilter;
  suites: string[];
  aggregates: AbilityScoreView[];
  onChange: (patch: Record<string, string>) => void;
}) => {
  const translate = useTranslate();
  const { nameOf } = useAbilityKeys();
  const inSuite = aggregates.filter((s) => !filter.suite || s.suite === filter.suite);
  const abilities = [...new Map(inSuite.map((s) => [s.ability, s.suite])).entries()].sort(([a], [b]) => a.localeCompare(b));
  const shots = [...new Set(aggregates.map((s) => s.shots))].sort((a, b) => a - b);
  const unscored = aggregates.length === 0;
  const select = (key: keyof ResultsFilter, options: Array<{ value: string; label: string }>, disabled = false) => (
    <TextField
      select
      size="small"
      sx={{ minWidth: 180 }}
      label={translate(`${R}.filter.${key}`)}
      value={filter[key] === undefined ? '' : String(filter[key])}
      onChange={(e) => onChange({ [key]: e.target.value, ...(key === 'suite' ? { ability: '' } : {}) })}
      disabled={disabled && filter[key] === undefined}
      helperText={disabled ? translate(`${R}.filter.after_scoring`) : undefined}
      slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
    >
      <MenuItem value="">{translate('pace.experiments.filters.all')}</MenuItem>
      {options.map((o) => (
        <MenuItem key={o.value} value={o.value}>
          {o.label}
        </MenuItem>
      ))}
    </TextField>
  );
  return (
    <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ mb: 2 }} role="search" aria-label={translate(`${R}.filter.title`)}>
      {select(
        'suite',
        suites.map((s) => ({ value: s, label: translate(`pace.experiments.scores.suite.${s}`) })),
      )}
      {select(
        'ability',
        abilities.map(([a, suite]) => ({ value: a, label: suite === 'in-domain' ? nameOf(a) : a })),
        unscored,
      )}
      {select(
        'split',
        ['valid', 'test'].map((s) => ({ value: s, label: translate(`pace.split.${s}`) })),
      )}
      {select(
        'shots',
        shots.map((n) => ({ value: String(n), label: translate(`${R}.shots_n`, { n }) })),
        unscored,
      )}
    </Stack>
  );
};

const ResultsTable = ({ rows }: { rows: ItemResultView[] }) => {
  const translate = useTranslate();
  const f = useFormats();
  const { nameOf } = useAbilityKeys();
  return (
    <Table size="small" aria-label={translate(`${R}.table`)}>
      <TableHead>
        <TableRow>
          {COLUMNS.map((c) => (
            <TableCell key={c}>{translate(`${R}.${c}`)}</TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((r) => (
          <TableRow key={`${r.suite}:${r.itemId}:${r.shots}`} sx={{ verticalAlign: 'top' }} data-testid={`result-${r.itemId}-${r.shots}`}>
            <TableCell component="th" scope="row">
              <Link to={`/items/${r.itemId}/show`}>#{r.itemId}</Link>
            </TableCell>
            <TableCell>
              {r.suite === 'in-domain' ? nameOf(r.ability) : `${translate(`pace.experiments.scores.suite.${r.suite}`)} · ${r.ability}`}
            </TableCell>
            <TableCell>{r.split ? translate(`pace.split.${r.split}`) : '—'}</TableCell>
            <TableCell>{f.int(r.shots)}</TableCell>
            <TableCell sx={{ maxWidth: 480 }}>
              {r.answer == null ? (
                <Typography color="text.secondary" variant="body2">
                  {translate('pace.experiments.answers.no_answer')}
                </Typography>
              ) : (
                <Box component="pre" sx={{ m: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-word', fontFamily: 'inherit' }}>
                  {r.answer}
                </Box>
              )}
            </TableCell>
            <TableCell sx={{ fontFamily: 'monospace' }}>{r.parsed ?? '—'}</TableCell>
            <TableCell>
              <Chip
                size="small"
                color={r.score >= 1 ? 'success' : r.score > 0 ? 'warning' : 'default'}
                label={translate(r.score >= 1 ? 'pace.experiments.answers.correct' : 'pace.experiments.answers.wrong', { score: f.num(r.score, 3) })}
              />
            </TableCell>
            <TableCell>{f.num(r.expected, 3)}</TableCell>
            <TableCell sx={{ maxWidth: 320 }}>
              <ResultDetails details={r.details} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};
