/** Until its container is measured (and in jsdom, where nothing is), a chart draws at this size. */
export const CHART_SIZE = { width: 640, height: 280 };
