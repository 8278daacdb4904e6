/** The workspace screen's messages, merged under `pace.workspace` by i18n/en.ts and i18n/zh.ts. */
export const en = {};
export const zh: typeof en = {};
