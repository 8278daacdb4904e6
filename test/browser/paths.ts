import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
/** Where `npm run build:ui` writes the UI, the folder `npm start` serves. */
export const UI_DIR = join(ROOT, 'dist', 'admin-ui');
/** Screenshots and failure reports, one folder per spec file (gitignored). */
export const ARTIFACTS_DIR = join(ROOT, 'test', 'artifacts');
/** Debian's chromium, installed by scripts/setup.sh; Playwright never downloads a browser of its own here. */
export const CHROMIUM_PATH = '/usr/bin/chromium';
