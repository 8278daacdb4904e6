import { Chip, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Tooltip, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { AbilitySensitivity, FitSummary } from '../../../server/growth/growth-views';
import type { AbilityClass } from '../../../server/analysis/stats/sensitivity';
import { formatParameters } from '../../../server/charts/specs/growth-curve';
import { DASH, useFormats } from '../experiments/format';

const G = 'pace.growth.sensitivity';

const CLASS_COLOURS: Record<AbilityClass, 'default' | 'warning' | 'info' | 'success'> = {
  resistant: 'default',
  'size-sensitive-only': 'info',
  plateaued: 'warning',
  responsive: 'success',
};

/** The fit's α ± SE [95% CI], R², n and gain per ×4 (or a dash when not estimable). */
const FitCells = ({ fit, gain = true }: { fit: FitSummary | null; gain?: boolean }) => {
  const f = useFormats();
  if (!fit) return <TableCell colSpan={gain ? 4 : 3}>{DASH}</TableCell>;
  return (
    <>
      <TableCell>
        {f.fixed(fit.alpha, 4)} ± {f.fixed(fit.seAlpha, 4)}
        <Typography variant="caption" color="text.secondary" component="div">
          [{f.fixed(fit.alphaLower, 4)}, {f.fixed(fit.alphaUpper, 4)}]
        </Typography>
      </TableCell>
      <TableCell>{fit.r2 === null ? DASH : f.fixed(fit.r2, 3)}</TableCell>
      <TableCell>{f.int(fit.n)}</TableCell>
      {gain && <TableCell>{f.pct(fit.gainPerX4)}</TableCell>}
    </>
  );
};

/** The data fit the class was decided on: the curated series of the largest size with a fit (else synthetic). */
function mainDataFit(s: AbilitySensitivity) {
  const fitted = s.dataFits.filter((d) => d.fit);
  const order = (d: (typeof fitted)[number]) => (d.source === 'curated' ? 1 : 0) * 1e15 + d.parameters;
  return fitted.sort((a, b) => order(b) - order(a))[0] ?? null;
}

/** Per ability: its class flag, α_D (data volume) and α_N (model size) with SE and CI, R², n, gain per ×4, normalised values and the reason. */
export const SensitivityTable = ({ sensitivities, abilityNames }: { sensitivities: AbilitySensitivity[]; abilityNames: Readonly<Record<string, string>> }) => {
  const translate = useTranslate();
  const f = useFormats();
  if (!sensitivities.length) return <Typography color="text.secondary">{translate(`${G}.empty`)}</Typography>;
  return (
    <TableContainer>
      <Table size="small" aria-label={translate(`${G}.title`)}>
        <TableHead>
          <TableRow>
            <TableCell rowSpan={2}>{translate(`${G}.ability`)}</TableCell>
            <TableCell rowSpan={2}>{translate(`${G}.class`)}</TableCell>
            <TableCell colSpan={5} align="center">
              {translate(`${G}.data`)}
            </TableCell>
            <TableCell colSpan={3} align="center">
              {translate(`${G}.size`)}
            </TableCell>
            <TableCell rowSpan={2}>{translate(`${G}.normalised`)}</TableCell>
            <TableCell rowSpan={2}>{translate(`${G}.reason`)}</TableCell>
          </TableRow>
          <TableRow>
            <TableCell>{translate(`${G}.series`)}</TableCell>
            <TableCell>{translate(`${G}.alpha`)}</TableCell>
            <TableCell>R²</TableCell>
            <TableCell>n</TableCell>
            <TableCell>{translate(`${G}.gain_x4`)}</TableCell>
            <TableCell>{translate(`${G}.alpha`)}</TableCell>
            <TableCell>R²</TableCell>
            <TableCell>n</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {sensitivities.map((s) => {
            const main = mainDataFit(s);
            return (
              <TableRow key={s.ability} data-testid={`sensitivity-${s.ability}`}>
                <TableCell component="th" scope="row">
                  {abilityNames[s.ability] ?? s.ability}
                </TableCell>
                <TableCell>
                  <Chip size="small" color={CLASS_COLOURS[s.class]} label={translate(`pace.growth.class.${s.class}`)} />
                </TableCell>
                <TableCell>{main ? `${formatParameters(main.parameters)} · ${translate(`pace.growth.source.${main.source}`)}` : DASH}</TableCell>
                <FitCells fit={main?.fit ?? null} />
                <FitCells fit={s.sizeFit} gain={false} />
                <TableCell>
                  α_D {s.normalisedData === null ? DASH : f.fixed(s.normalisedData, 2)} · α_N {s.normalisedSize === null ? DASH : f.fixed(s.normalisedSize, 2)}
                </TableCell>
                <TableCell>
                  <Tooltip title={main?.lastThree ? translate(`${G}.last_three`, { alpha: f.fixed(main.lastThree.alpha, 4), lower: f.fixed(main.lastThree.alphaLower, 4), upper: f.fixed(main.lastThree.alphaUpper, 4) }) : ''}>
                    <span>{s.reason}</span>
                  </Tooltip>
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      <Typography variant="caption" color="text.secondary">
        {translate(`${G}.note`)}
      </Typography>
    </TableContainer>
  );
};
