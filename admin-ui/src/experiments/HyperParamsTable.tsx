import { Table, TableBody, TableCell, TableRow } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { HyperParams } from './experimentTypes';
import { useFormats } from './format';

const H = 'pace.experiments.hyper';

/** The hyper-parameters the trainer received (defaults resolved by the server). */
export const HyperParamsTable = ({ params: p, seed }: { params: Partial<HyperParams>; seed: number }) => {
  const translate = useTranslate();
  const f = useFormats();
  const rows: [string, string | undefined][] = [
    ['epochs', p.epochs === undefined ? undefined : f.int(p.epochs)],
    ['learningRate', p.learningRate === undefined ? undefined : `${f.sci(p.learningRate)} → ${f.sci(p.finalLearningRate)}`],
    ['betas', p.betas?.map((b) => f.num(b, 3)).join(', ')],
    ['weightDecay', p.weightDecay === undefined ? undefined : f.num(p.weightDecay, 4)],
    ['globalBatchSize', p.globalBatchSize === undefined ? undefined : `${f.int(p.globalBatchSize)} (${translate(`${H}.micro`, { n: f.int(p.microBatchSize) })})`],
    ['maxLength', p.maxLength === undefined ? undefined : f.int(p.maxLength)],
    ['method', p.method && (p.method === 'lora' && p.lora ? `LoRA r=${p.lora.r}, α=${p.lora.alpha}, dropout ${f.num(p.lora.dropout, 3)}` : translate(`${H}.method_${p.method}`))],
    ['precision', p.precision],
    ['gpus', p.gpus === undefined ? undefined : f.int(p.gpus)],
    ['evalBackend', p.evalBackend],
    ['maxNewTokens', p.maxNewTokens === undefined ? undefined : f.int(p.maxNewTokens)],
    ['ifevalMaxNewTokens', p.ifevalMaxNewTokens === undefined ? undefined : f.int(p.ifevalMaxNewTokens)],
    ['bestFromEpoch', p.bestFromEpoch === undefined ? undefined : f.int(p.bestFromEpoch)],
    ['benchmarks', p.benchmarks && (p.benchmarks.length ? p.benchmarks.map((b) => translate(`pace.experiments.scores.suite.${b}`)).join(', ') : '—')],
    ['seed', f.int(seed)],
  ];
  return (
    <Table size="small" aria-label={translate(`${H}.title`)} sx={{ maxWidth: 640 }}>
      <TableBody>
        {rows
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => (
            <TableRow key={k}>
              <TableCell component="th" scope="row">
                {translate(`${H}.${k}`)}
              </TableCell>
              <TableCell>{v}</TableCell>
            </TableRow>
          ))}
      </TableBody>
    </Table>
  );
};
