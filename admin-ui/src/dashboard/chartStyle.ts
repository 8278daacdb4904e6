/** Until its container is measured (and in jsdom, where nothing is), a chart draws at this size. */
export const CHART_SIZE = { width: 640, height: 280 };

/** One colour per measure on every chart (Okabe–Ito: told apart with colour-blind eyes too). */
export const SERIES_COLOUR = {
  passRate: '#009E73',
  cohen: '#56B4E9',
  fleiss: '#0072B2',
  alpha: '#E69F00',
  percent: '#CC79A7',
};

/** A y-axis for coefficients: up to 1, down to 0 or below the lowest value, ticks every 0.5 (κ and α can be negative). */
export function coefficientAxis(values: (number | null | undefined)[]): { domain: [number, number]; ticks: number[] } {
  const low = Math.min(0, ...values.filter((v): v is number => v != null).map((v) => Math.floor(v * 2) / 2));
  const ticks: number[] = [];
  for (let t = low; t <= 1; t += 0.5) ticks.push(t);
  return { domain: [low, 1], ticks };
}
