/** Code faces first, then CJK ones, so Chinese comments and strings in code line up instead of falling back oddly. */
export const MONOSPACE = 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Noto Sans Mono CJK SC", "Noto Sans CJK SC", "Microsoft YaHei", monospace';

/** Text that holds Han characters is marked Chinese, so browsers pick Chinese glyphs rather than Japanese ones. */
export const langOf = (text: string) => (/\p{Script=Han}/u.test(text) ? 'zh-CN' : undefined);
