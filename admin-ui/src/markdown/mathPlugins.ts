// KaTeX's stylesheet and its fonts, bundled by Vite and served by Pace (the CSP allows no other origin).
import 'katex/dist/katex.min.css';
import rehypeKatex, { type Options as KatexOptions } from 'rehype-katex';
import remarkMath from 'remark-math';
import type { Options } from 'react-markdown';

type PluggableList = NonNullable<Options['remarkPlugins']>;

/** The colour malformed LaTeX is shown in, as its source (rehype-katex renders it with throwOnError off). */
export const MATH_ERROR_COLOR = '#cc0000';

const KATEX: KatexOptions = {
  errorColor: MATH_ERROR_COLOR,
  // Chinese inside a formula (`$面积=\pi r^2$`) is common in exam items: typeset it, without warnings
  strict: 'ignore',
  // MathML beside the HTML: screen readers read it, and it keeps the source (the annotation) for copying
  output: 'htmlAndMathml',
};

/** remark-math, single dollars on: the text goes through normalizeMath first, which escapes dollars that are money. */
export const mathRemarkPlugins: PluggableList = [remarkMath];

/** rehype-katex, placed before syntax highlighting so that math never reaches the highlighter. */
export const mathRehypePlugins: PluggableList = [[rehypeKatex, KATEX]];

/** Styles under a markdown box for typeset math: wide display formulas scroll instead of overflowing the page. */
export const mathSx = {
  '& .katex-display': { overflowX: 'auto', overflowY: 'hidden', py: 0.5 },
  '& .katex': { fontSize: '1.1em' },
} as const;
