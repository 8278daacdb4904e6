/** The recipes screens' messages, merged under `pace.recipes` by i18n/en.ts and i18n/zh.ts. */
export const en = {};
export const zh: typeof en = {};
