import { render, waitFor } from '@testing-library/react';
import type { ComponentType } from 'react';
import { describe, expect, it } from 'vitest';
import { MarkdownBody as ItemMarkdown } from '../items/MarkdownBody';
import { MarkdownBody as WorkspaceMarkdown } from '../workspace/shared/MarkdownBody';
import { preloadMarkdown } from './lazyMarkdown';
import { MATH_ERROR_COLOR } from './mathPlugins';

/** Both markdown renderers: the item page's and the workspace's (review, revision preview, distractor editor). */
const RENDERERS = [
  ['item page', (text: string) => render(<ItemMarkdown>{text}</ItemMarkdown>).container],
  ['workspace', (text: string) => render(<WorkspaceMarkdown text={text} />).container],
] as const;

/** The LaTeX source KaTeX kept in each formula's MathML annotation, in order. */
const sources = (root: Element) => [...root.querySelectorAll('.katex annotation[encoding="application/x-tex"]')].map((a) => a.textContent);
/** What a reader sees: the text without the (visually hidden) MathML copies. */
function visibleText(root: Element): string {
  const copy = root.cloneNode(true) as Element;
  copy.querySelectorAll('.katex-mathml').forEach((m) => m.remove());
  return copy.textContent ?? '';
}

describe.each(RENDERERS)('math in the %s markdown', (_, renderText) => {
  it('typesets $…$ inline and $$…$$ as a display formula, leaving no delimiter in the text', () => {
    const root = renderText('由 $x^2+y^2=z^2$ 得\n\n$$\\frac{a}{b}$$');
    expect(sources(root)).toEqual(['x^2+y^2=z^2', '\\frac{a}{b}']);
    expect(root.querySelectorAll('.katex-display')).toHaveLength(1);
    expect(root.querySelector('.katex-display annotation')?.textContent).toBe('\\frac{a}{b}');
    expect(visibleText(root)).not.toMatch(/\$/);
  });

  it('typesets \\(…\\) and \\[…\\], keeping the Chinese sentence around them (marked zh-CN for CJK glyphs)', () => {
    const root = renderText('勾股定理：\\(a^2+b^2=c^2\\)，其中 c 为斜边。\n\n\\[\nS = \\pi r^2\n\\]');
    expect(sources(root)).toEqual(['a^2+b^2=c^2', 'S = \\pi r^2']);
    expect(root.querySelector('.katex-display annotation')?.textContent).toBe('S = \\pi r^2');
    expect(root.firstElementChild).toHaveAttribute('lang', 'zh-CN');
    const sentence = root.querySelector('p')!;
    expect(visibleText(sentence)).toMatch(/^勾股定理：.+，其中 c 为斜边。$/);
    expect(visibleText(root)).not.toMatch(/\\\(|\\\[|\$/);
  });

  it('keeps dollars that are money as text', () => {
    const root = renderText('It costs $5 and $10, or $x$ per unit.');
    expect(sources(root)).toEqual(['x']);
    expect(visibleText(root)).toMatch(/^It costs \$5 and \$10, or .+ per unit\.$/);
  });

  it('shows malformed LaTeX as its source in the error colour instead of failing', () => {
    const root = renderText('坏公式 $\\frac{1$ 之后的文字');
    const error = root.querySelector('.katex-error');
    expect(error).not.toBeNull();
    expect(error).toHaveTextContent('\\frac{1');
    expect((error as HTMLElement).style.color).toBe('rgb(204, 0, 0)');
    expect(MATH_ERROR_COLOR).toBe('#cc0000');
    expect(root).toHaveTextContent('之后的文字');
  });

  it('leaves LaTeX in code spans and fenced code as written', () => {
    const root = renderText('Use `$x$` or `\\(y\\)`:\n\n```latex\n$$\\frac{a}{b}$$ \\[z\\]\n```');
    expect(root.querySelector('.katex')).toBeNull();
    expect([...root.querySelectorAll('code')].map((c) => c.textContent)).toEqual(['$x$', '\\(y\\)', '$$\\frac{a}{b}$$ \\[z\\]\n']);
  });
});

// The renderers above load on first use (lazyMarkdown): the item page and the workspace import these wrappers.
describe('markdown loaded on first use', () => {
  const WRAPPERS = [
    ['item page', async () => (await import('../items/Markdown')).Markdown, (M: ComponentType<{ children: string }>, text: string) => <M>{text}</M>],
    ['workspace', async () => (await import('../workspace/shared/Markdown')).Markdown, (M: ComponentType<{ text: string }>, text: string) => <M text={text} />],
  ] as const;

  it.each(WRAPPERS)('%s: shows the text as written until the renderer is in, then typesets it', async (_, load, element) => {
    const text = '面积 $S = \\pi r^2$\n第二行';
    const { container } = render(element((await load()) as never, text));
    // before the chunk resolves: the source text with its line break, marked Chinese, no formula yet
    expect(container.textContent).toBe(text);
    expect(container.firstElementChild).toHaveAttribute('lang', 'zh-CN');
    expect(container.querySelector('.katex')).toBeNull();
    await waitFor(() => expect(sources(container)).toEqual(['S = \\pi r^2']));
  });

  it('preloadMarkdown loads every renderer, after which a new one draws typeset at once', async () => {
    const { Markdown } = await import('../items/Markdown');
    await preloadMarkdown();
    // React.lazy settles a resolved import on its first render attempt; one microtask flush later the body is there
    const { container } = render(<Markdown>{'$x$'}</Markdown>);
    await waitFor(() => expect(sources(container)).toEqual(['x']));
  });
});
