import { startEarlyReads } from './boot';

// main.tsx imports this first, and vite.config.mts gives it (with what it imports, none of it from node_modules) a
// chunk of its own, evaluated before the app's libraries: the reads leave while the browser still evaluates several
// megabytes of JavaScript.
startEarlyReads(window.location.pathname);
