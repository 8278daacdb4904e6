/** The dashboard screen's messages, merged under `pace.dashboard` by i18n/en.ts and i18n/zh.ts. */
export const en = {};
export const zh: typeof en = {};
