import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const server = 'http://localhost:3000';

/** What react-markdown, its plugins, KaTeX and highlight.js bring: only the lazily loaded markdown bodies import them. */
const MARKDOWN_PACKAGES = new RegExp(
  `node_modules[\\\\/](${[
    'react-markdown', 'remark-[^\\\\/]+', 'rehype-[^\\\\/]+', 'micromark[^\\\\/]*', 'mdast-util-[^\\\\/]+', 'hast-util-[^\\\\/]+', 'hastscript',
    'unist-util-[^\\\\/]+', 'unified', 'vfile[^\\\\/]*', 'katex', 'highlight\\.js', 'lowlight', 'property-information', 'decode-named-character-reference',
    'character-entities[^\\\\/]*', 'character-reference-invalid', 'parse-entities', 'stringify-entities', 'space-separated-tokens', 'comma-separated-tokens',
    'html-url-attributes', 'trim-lines', 'devlop', 'bail', 'trough', 'zwitch', 'longest-streak', 'markdown-table', 'ccount', 'estree-util-is-identifier-name',
    'style-to-object', 'inline-style-parser', 'web-namespaces', 'is-alphabetical', 'is-alphanumerical', 'is-decimal', 'is-hexadecimal',
  ].join('|')})[\\\\/]`,
);

/** recharts and the packages that only it brings (see the `charts` group below). */
const RECHARTS_PACKAGES = /node_modules[\\/](recharts|@reduxjs[\\/]toolkit|immer|reselect|react-redux|redux|redux-thunk|victory-vendor|d3-[^\\/]+|internmap|decimal\.js-light|es-toolkit|tiny-invariant)[\\/]/;

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
          // Libraries change less often than the app: separate chunks stay cached across releases. A group takes the
          // modules it matches and what they import that no group of a higher priority took: React and MUI first, so
          // that the lazily loaded groups (ECharts, markdown) keep only what their own pages need.
          codeSplitting: {
            groups: [
              // main.tsx's first import and what it needs: evaluated before every library (see admin-ui/src/boot.ts)
              { name: 'early', test: /admin-ui[\\/]src[\\/](early|boot|session|roles|dashboard[\\/]prefetch)\.ts$|server[\\/](users[\\/]user-views|auth[\\/]auth-views)\.ts$/, priority: 30 },
              { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/, priority: 20 },
              { name: 'mui', test: /node_modules[\\/](@mui|@emotion)[\\/]/, priority: 20 },
              // only the growth charts load ECharts (a dynamic import): kept out of \`vendor\`, which every page loads
              { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 10 },
              // the markdown renderers (react-markdown, remark/rehype/micromark, KaTeX, highlight.js): loaded on first
              // use (admin-ui/src/markdown/lazyMarkdown.tsx), so kept out of \`vendor\` as well
              { name: 'markdown', test: MARKDOWN_PACKAGES, priority: 10 },
              // recharts with its store (Redux Toolkit, Immer, Reselect) and d3 helpers: loaded when a chart first draws
              // (admin-ui/src/charts/lazyChart.tsx). Only what recharts alone uses: a module shared with the libraries
              // every page loads (clsx, eventemitter3) taken here would make those load this chunk at once.
              { name: 'charts', test: RECHARTS_PACKAGES, priority: 10, includeDependenciesRecursively: false },
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
