import { defaultTheme, type RaThemeOptions } from 'react-admin';

/** Latin text first, then a CJK face per platform, so mixed Chinese/English items render evenly. */
const FONT_FAMILY = [
  '-apple-system',
  'BlinkMacSystemFont',
  '"Segoe UI"',
  'Roboto',
  '"Helvetica Neue"',
  'Arial',
  '"Noto Sans CJK SC"',
  '"Noto Sans SC"',
  '"PingFang SC"',
  '"Hiragino Sans GB"',
  '"Microsoft YaHei"',
  'sans-serif',
].join(', ');

const components = defaultTheme.components ?? {};

/**
 * Issue 16 item 6, lists and toolbars that fit: a button's label stays on one line, and the rows of buttons around
 * them (list and show toolbars, form toolbars, dialogs' actions) wrap onto a second row instead; a table header never
 * breaks a Chinese word character by character (keep-all breaks only between words: at spaces, never inside 新条目).
 */
const FIT: RaThemeOptions['components'] = {
  MuiButton: { styleOverrides: { root: { whiteSpace: 'nowrap' } } },
  MuiDialogActions: { styleOverrides: { root: { flexWrap: 'wrap', rowGap: 8 } } },
  MuiTableCell: {
    ...components.MuiTableCell,
    styleOverrides: {
      ...components.MuiTableCell?.styleOverrides,
      head: { wordBreak: 'keep-all' },
    },
  },
  // keeps its one-row width beside a list's filters (which would squeeze it into wrapping), up to the whole row
  RaTopToolbar: { styleOverrides: { root: { flexWrap: 'wrap', flexShrink: 0, maxWidth: '100%' } } },
  RaToolbar: { styleOverrides: { root: { flexWrap: 'wrap', rowGap: 8 } } },
};

export const theme: RaThemeOptions = {
  ...defaultTheme,
  typography: { ...defaultTheme.typography, fontFamily: FONT_FAMILY },
  components: { ...components, ...FIT },
};
