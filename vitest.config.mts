import react from '@vitejs/plugin-react';
import swc from 'unplugin-swc';
import { defaultClientConditions } from 'vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    maxWorkers: 2,
    reporters: ['default'],
    projects: [
      {
        plugins: [swc.vite({ module: { type: 'es6' } })],
        test: {
          name: 'server',
          include: ['server/**/*.spec.ts', 'workers/**/*.spec.ts', 'test/**/*.e2e-spec.ts', 'test/architecture/**/*.spec.ts'],
          globalSetup: ['test/utils/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
          // Two test files run at once on two cores: a trainer or scorer subprocess with a thread per core each would
          // fight over them (a tiny run took 34 s instead of 2 s).
          env: { OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
        },
      },
      {
        plugins: [react()],
        // Without `module-sync`, react-router-dom resolves to its CommonJS build and react-router to its ESM one:
        // two copies, and a <Route> from one is no Route to the other.
        resolve: { conditions: ['module-sync', ...defaultClientConditions] },
        test: {
          name: 'admin-ui',
          include: ['admin-ui/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['admin-ui/src/test/setup.ts'],
          testTimeout: 20_000,
        },
      },
      {
        plugins: [swc.vite({ module: { type: 'es6' } })],
        test: {
          name: 'browser',
          include: ['test/browser/**/*.browser-spec.ts'],
          globalSetup: ['test/browser/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
          // One file at a time, after the other projects: each file runs a server and a chromium, heavy on two cores.
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
