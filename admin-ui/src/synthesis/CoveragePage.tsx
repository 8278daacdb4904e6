import { Alert, Box, Button, Card, CardContent, LinearProgress, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useEffect, useMemo, useState } from 'react';
import { useTranslate } from 'react-admin';
import { useParams } from 'react-router';
import { coverageByDisciplineChart, lengthHistogramChart } from '../../../server/charts/specs/coverage-charts';
import type { CoverageReport } from '../../../server/synthesis/coverage/coverage-views';
import { downloadFile } from '../download';
import { EChart } from '../growth/EChart';
import { apiGet } from '../httpClient';
import { API_URL } from '../session';

const M = 'pace.synthesis_coverage';

/**
 * `/synthesis/runs/:id/coverage`: a generation run's coverage report (issue 15 item 6): what became of its pairs per
 * field, discipline and subject, the near-duplicate rate, question and answer lengths, failures, tokens and cost;
 * with the report's JSON and CSV downloads.
 */
export const CoveragePage = () => {
  const { id = '' } = useParams();
  const translate = useTranslate();
  const [report, setReport] = useState<CoverageReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    apiGet<CoverageReport>(`/synthesis/runs/${id}/coverage`).then(
      (r) => live && setReport(r),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [id]);

  const t = (key: string, options?: object) => translate(`${M}.${key}`, options);
  const charts = useMemo(() => {
    if (!report) return null;
    return {
      disciplines: coverageByDisciplineChart(report.disciplines, {
        title: t('by_discipline_chart'),
        ingested: t('ingested'),
        excluded: t('excluded'),
        rejected: t('rejected'),
        pairs: t('pairs_axis'),
      }),
      lengths: lengthHistogramChart(report.lengths, {
        title: t('lengths_chart'),
        questions: t('questions'),
        answers: t('answers'),
        characters: t('characters_axis'),
        count: t('pairs_axis'),
      }),
    };
    // `t` is `translate` under this page's prefix: the charts follow the report and the locale
  }, [report, translate]);

  if (error) return <Alert severity="error">{t('load_failed', { message: error })}</Alert>;
  if (!report || !charts) return <LinearProgress />;

  const download = (format: 'json' | 'csv') =>
    downloadFile(`${API_URL}/synthesis/runs/${id}/coverage${format === 'csv' ? '?format=csv' : ''}`, `coverage-${id}.${format}`).catch((e: Error) =>
      setError(t('download_failed', { message: e.message })),
    );
  const percent = (x: number) => `${(x * 100).toFixed(1)}%`;
  const totals: Array<[string, number]> = [
    ['generated', report.totals.generated],
    ['excluded', report.totals.excluded],
    ['ingested', report.totals.ingested],
    ['rejected', report.totals.rejected],
    ['items_accepted', report.totals.itemsAccepted],
    ['items_pending', report.totals.itemsPending],
    ['items_duplicate', report.totals.itemsDuplicate],
  ];

  return (
    <Stack spacing={2} sx={{ p: 2 }}>
      <Stack direction="row" spacing={1} alignItems="center">
        <Typography variant="h5" sx={{ flex: 1 }}>
          {t('title', { name: report.name })}
        </Typography>
        <Button variant="outlined" onClick={() => void download('json')}>
          {t('download_json')}
        </Button>
        <Button variant="outlined" onClick={() => void download('csv')}>
          {t('download_csv')}
        </Button>
      </Stack>
      <Card>
        <CardContent>
          <Typography variant="h6">{t('totals')}</Typography>
          <Stack direction="row" spacing={3} flexWrap="wrap" useFlexGap>
            {totals.map(([key, n]) => (
              <Box key={key} data-total={key}>
                <Typography variant="caption">{t(key)}</Typography>
                <Typography variant="h6">{n}</Typography>
              </Box>
            ))}
          </Stack>
          <Typography data-testid="near-duplicates" sx={{ mt: 1 }}>
            {t('near_duplicates', { duplicates: report.nearDuplicates.duplicates, questions: report.nearDuplicates.questions, rate: percent(report.nearDuplicates.rate) })}
          </Typography>
        </CardContent>
      </Card>
      <Card>
        <CardContent>
          <EChart option={charts.disciplines} label={t('by_discipline_chart')} height={Math.max(240, 48 * report.disciplines.length + 100)} />
        </CardContent>
      </Card>
      <Card>
        <CardContent>
          <EChart option={charts.lengths} label={t('lengths_chart')} height={320} />
          {(['questions', 'answers'] as const).map((k) => (
            <Typography key={k} variant="body2">
              {t('length_summary', { what: t(k), p50: report.lengths[k].p50, p90: report.lengths[k].p90, max: report.lengths[k].max })}
            </Typography>
          ))}
        </CardContent>
      </Card>
      <Card>
        <CardContent>
          <Typography variant="h6">{t('by_subject')}</Typography>
          <SimpleTable
            head={[t('field'), t('discipline'), t('subject'), t('generated'), t('excluded'), t('ingested'), t('rejected'), t('items_accepted'), t('items_pending')]}
            rows={report.subjects.map((s) => [s.field, s.discipline ?? '', s.subject ?? '', s.generated, s.excluded, s.ingested, s.rejected, s.itemsAccepted, s.itemsPending])}
            label={t('by_subject')}
          />
        </CardContent>
      </Card>
      <Card>
        <CardContent>
          <Typography variant="h6">{t('failures')}</Typography>
          {report.failures.length === 0 ? (
            <Typography>{t('no_failures')}</Typography>
          ) : (
            <SimpleTable head={[t('stage'), t('code'), t('count'), t('example')]} rows={report.failures.map((f) => [f.stage, f.code, f.count, f.example])} label={t('failures')} />
          )}
        </CardContent>
      </Card>
      <Card>
        <CardContent>
          <Typography variant="h6">{t('usage')}</Typography>
          <Typography>
            {t('usage_total', { calls: report.usage.calls, prompt: report.usage.promptTokens, completion: report.usage.completionTokens, cost: report.usage.costUsd.toFixed(4) })}
          </Typography>
          <SimpleTable
            head={[t('node_kind'), t('calls'), t('prompt_tokens'), t('completion_tokens'), t('cost')]}
            rows={report.usageByStage.map((u) => [u.kind, u.calls, u.promptTokens, u.completionTokens, u.costUsd.toFixed(4)])}
            label={t('usage')}
          />
        </CardContent>
      </Card>
    </Stack>
  );
};

const SimpleTable = ({ head, rows, label }: { head: string[]; rows: Array<Array<string | number>>; label: string }) => (
  <Table size="small" aria-label={label}>
    <TableHead>
      <TableRow>
        {head.map((h) => (
          <TableCell key={h}>{h}</TableCell>
        ))}
      </TableRow>
    </TableHead>
    <TableBody>
      {rows.map((r, i) => (
        <TableRow key={i}>
          {r.map((c, j) => (
            <TableCell key={j}>{c}</TableCell>
          ))}
        </TableRow>
      ))}
    </TableBody>
  </Table>
);
