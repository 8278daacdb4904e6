import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const server = 'http://localhost:3000';

/** `npm run ui:dev` proxies the API and socket.io to a server started with `npm start`; `npm run build:ui` writes dist/admin-ui. */
export default defineConfig(({ command }) => {
  // A build is what `npm start` serves, whoever runs it. Vite takes the caller's NODE_ENV, and vitest's global setup
  // runs the build with NODE_ENV=test: that bundled React's development build (StrictMode's doubled effects, several
  // times slower) and left out what only production runs, so the browser tests tried another app than users get.
  if (command === 'build') process.env.NODE_ENV = 'production';
  return {
    root: fileURLToPath(new URL('.', import.meta.url)),
    plugins: [react()],
    build: {
      outDir: '../dist/admin-ui',
      emptyOutDir: true,
      // .vite/manifest.json: which chunks each entry loads, read by `npm run bench -- ui`.
      manifest: true,
      rolldownOptions: {
        output: {
          // Libraries change less often than the app: separate chunks stay cached across releases.
          codeSplitting: {
            groups: [
              // main.tsx's first import and what it needs: evaluated before every library (see admin-ui/src/boot.ts)
              { name: 'early', test: /admin-ui[\\/]src[\\/](early|boot|session|roles|dashboard[\\/]prefetch)\.ts$|server[\\/](users[\\/]user-views|auth[\\/]auth-views)\.ts$/, priority: 30 },
              { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/ },
              { name: 'mui', test: /node_modules[\\/](@mui|@emotion)[\\/]/ },
              // only the growth charts load ECharts (a dynamic import): kept out of \`vendor\`, which every page loads
              { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/ },
              { name: 'vendor', test: /node_modules[\\/]/ },
            ],
          },
        },
      },
    },
    server: {
      proxy: {
        '/api': server,
        '/socket.io': { target: server, ws: true },
      },
    },
  };
});
