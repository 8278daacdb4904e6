import { Box } from '@mui/material';
import { useTranslate } from 'react-admin';
import { CHART_SIZE, SERIES_COLOUR } from './chartStyle';
import { percent } from './format';
import { Section } from './Section';
import type { PassRates } from './types';
import type { Loaded } from './useLoaded';
import { useAbilityName } from './useAbilityName';

const TICKS = [1, 0.75, 0.5, 0.25, 0];

/**
 * Drawn from GET /agreement/pass-rates (quick) and then from each pushed `agreement.updated` summary.
 *
 * A bar chart of plain elements laid out by CSS, not a charting library: it is one of the two cards the dashboard's
 * first paint waits for, and a library chart measured its labels and container and ran its own store before it could
 * draw (a good part of the first render on a 2-core machine). Bar heights are percentages of the plot, so the chart
 * fits any width without being measured; ability names wrap (中文 included) instead of overlapping.
 */
export const PassRateSection = ({ rates }: { rates: Loaded<PassRates> }) => {
  const translate = useTranslate();
  const abilityName = useAbilityName();
  const rows = (rates.data?.groups ?? []).map((g) => ({ key: g.key, name: abilityName(g.key, g.label), passRate: g.passRate, rounds: g.rounds }));
  return (
    <Section title="pace.dashboard.pass_rate.title" data={rates.data} error={rates.error} empty={rows.length === 0 && 'pace.dashboard.pass_rate.empty'}>
      <Box sx={chartSx} data-chart="pass-rate">
        <div className="pace-y" aria-hidden>
          {TICKS.map((t) => (
            <span key={t} style={{ top: `${(1 - t) * 100}%` }}>
              {percent(t)}
            </span>
          ))}
        </div>
        <div className="pace-plot" role="list" aria-label={translate('pace.dashboard.pass_rate.label')}>
          {TICKS.map((t) => (
            <i key={t} className="pace-grid" style={{ top: `${(1 - t) * 100}%` }} />
          ))}
          {rows.map((r) => {
            const label = translate('pace.dashboard.pass_rate.bar', { name: r.name, rate: percent(r.passRate), smart_count: r.rounds, rounds: r.rounds.toLocaleString() });
            return (
              <div key={r.key} className="pace-column" role="listitem" aria-label={label} title={label}>
                <span className="pace-bar-value">{percent(r.passRate)}</span>
                <div className="pace-bar" style={{ height: `${Math.max(0, Math.min(1, r.passRate ?? 0)) * 100}%` }} />
              </div>
            );
          })}
        </div>
        <div className="pace-x" aria-hidden>
          {rows.map((r) => (
            <span key={r.key}>{r.name}</span>
          ))}
        </div>
      </Box>
    </Section>
  );
};

const PLOT_HEIGHT = CHART_SIZE.height - 80;

// One style rule set for the whole chart (its parts are plain elements with class names), so drawing it inserts no
// style per bar.
const chartSx = {
  display: 'grid',
  gridTemplateColumns: '3em 1fr',
  gridTemplateRows: `${PLOT_HEIGHT}px auto`,
  mt: 3,
  fontSize: 12,
  color: 'text.secondary',
  '& .pace-y': { position: 'relative', gridColumn: 1, gridRow: 1 },
  '& .pace-y > span': { position: 'absolute', right: 6, transform: 'translateY(-50%)', lineHeight: 1 },
  '& .pace-plot': {
    position: 'relative',
    gridColumn: 2,
    gridRow: 1,
    display: 'flex',
    alignItems: 'flex-end',
    gap: '2%',
    px: '1%',
    borderLeft: 1,
    borderBottom: 1,
    borderColor: 'text.secondary',
  },
  '& .pace-grid': { position: 'absolute', left: 0, right: 0, borderTop: 1, borderColor: 'divider', borderTopStyle: 'dashed' },
  '& .pace-column': { position: 'relative', flex: '1 1 0', minWidth: 0, height: '100%', display: 'flex', flexDirection: 'column', justifyContent: 'flex-end', alignItems: 'center' },
  '& .pace-bar': { width: '100%', flexShrink: 0, bgcolor: SERIES_COLOUR.passRate },
  '& .pace-bar-value': { fontSize: 13, lineHeight: 1.6, whiteSpace: 'nowrap' },
  '& .pace-x': { gridColumn: 2, gridRow: 2, display: 'flex', gap: '2%', px: '1%', pt: 0.5 },
  // long names wrap (by character where they must) over at most three lines; the bar's tooltip holds the whole name
  '& .pace-x > span': {
    flex: '1 1 0',
    minWidth: 0,
    textAlign: 'center',
    overflowWrap: 'anywhere',
    lineHeight: 1.3,
    display: '-webkit-box',
    WebkitLineClamp: 3,
    WebkitBoxOrient: 'vertical',
    overflow: 'hidden',
  },
} as const;
