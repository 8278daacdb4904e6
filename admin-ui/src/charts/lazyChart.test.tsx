import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { lazyChart, preloadCharts } from './lazyChart';

describe('lazyChart', () => {
  it('shows a spinner until the chart’s code is in, then the chart with its props', async () => {
    let arrive!: () => void;
    const arrived = new Promise<void>((resolve) => (arrive = resolve));
    let loads = 0;
    const Chart = lazyChart(async () => {
      loads++;
      await arrived;
      return ({ label }: { label: string }) => <p>chart of {label}</p>;
    });
    render(<Chart label="pass rates" />);
    expect(screen.getByRole('progressbar')).toBeInTheDocument();
    expect(screen.queryByText('chart of pass rates')).toBeNull();
    arrive();
    expect(await screen.findByText('chart of pass rates')).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).toBeNull();
    // preloading again, or drawing a second one, loads nothing twice
    await preloadCharts();
    render(<Chart label="trends" />);
    expect(await screen.findByText('chart of trends')).toBeInTheDocument();
    expect(loads).toBe(1);
  });

  it('preloadCharts loads a chart that has not drawn yet, which then draws at once', async () => {
    let loads = 0;
    const Chart = lazyChart(async () => {
      loads++;
      return () => <p>preloaded chart</p>;
    });
    await preloadCharts();
    expect(loads).toBe(1);
    render(<Chart />);
    expect(await screen.findByText('preloaded chart')).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).toBeNull();
  });
});
