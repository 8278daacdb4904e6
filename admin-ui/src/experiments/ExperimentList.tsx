import AddIcon from '@mui/icons-material/Add';
import { Alert, Button, Card, CardContent, LinearProgress, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { Title, useTranslate } from 'react-admin';
import { Link, useNavigate } from 'react-router';
import { ExperimentFilters, useExperimentFilter } from './ExperimentFilters';
import { ExperimentsNav } from './ExperimentsNav';
import { ProgressLine, StatusChip } from './ExperimentStatus';
import type { ExperimentView } from './experimentTypes';
import { useFormats } from './format';
import { useExperiments } from './liveExperiments';

const L = 'pace.experiments.list';
const COLUMNS = ['name', 'status', 'progress', 'base_model', 'version', 'recipe', 'best', 'created'] as const;

/** The experiments the filter lets through, newest first; status and progress move live (`experiment.progress` on `experiments`). */
export const ExperimentList = () => {
  const translate = useTranslate();
  const [filter, setFilter] = useExperimentFilter();
  const filtered = Object.keys(filter).length > 0;
  const { data, error, isPending } = useExperiments(filter);
  return (
    <Card sx={{ mt: 2 }}>
      <Title title="pace.page.experiments.title" />
      <CardContent>
        <Stack direction="row" alignItems="center" sx={{ mb: 2 }}>
          <ExperimentsNav current="list" />
          <Button component={Link} to="/experiments/create" variant="contained" startIcon={<AddIcon />} sx={{ ml: 'auto' }}>
            {translate(`${L}.create`)}
          </Button>
        </Stack>
        <ExperimentFilters filter={filter} onChange={setFilter} />
        {error && <Alert severity="error">{translate('pace.experiments.load_failed', { message: error.message })}</Alert>}
        {isPending && <LinearProgress />}
        {data?.length === 0 && <Alert severity="info">{translate(filtered ? 'pace.experiments.filters.none' : `${L}.empty`)}</Alert>}
        {data && data.length > 0 && (
          <Table size="small" aria-label={translate('pace.page.experiments.title')}>
            <TableHead>
              <TableRow>
                {COLUMNS.map((c) => (
                  <TableCell key={c}>{translate(`${L}.${c}`)}</TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {data.map((e) => (
                <ExperimentRow key={e.id} experiment={e} />
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
};

const ExperimentRow = ({ experiment: e }: { experiment: ExperimentView }) => {
  const translate = useTranslate();
  const navigate = useNavigate();
  const f = useFormats();
  return (
    <TableRow hover sx={{ cursor: 'pointer' }} onClick={() => navigate(`/experiments/${e.id}`)} data-testid={`experiment-${e.id}`}>
      <TableCell>
        <Typography fontWeight={600} variant="body2">
          {e.name}
        </Typography>
      </TableCell>
      <TableCell>
        <StatusChip status={e.status} />
      </TableCell>
      <TableCell>
        <ProgressLine experiment={e} />
      </TableCell>
      <TableCell>
        {e.baseModel.name}
        {e.baseModel.parameters != null && (
          <Typography variant="caption" color="text.secondary" component="div">
            {translate(`${L}.parameters`, { n: f.compact(e.baseModel.parameters) })}
          </Typography>
        )}
      </TableCell>
      <TableCell>{e.version.name}</TableCell>
      <TableCell>{e.recipe ? `${e.recipe.name}@${e.recipe.revision}` : translate(`${L}.whole_train`)}</TableCell>
      <TableCell>
        {e.best
          ? translate(`${L}.best_value`, { epoch: f.int(e.best.epoch), validation: f.pct(e.best.validation), test: f.pct(e.best.test) })
          : '—'}
      </TableCell>
      <TableCell>{f.date(e.createdAt)}</TableCell>
    </TableRow>
  );
};
