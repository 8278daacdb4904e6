import TurndownService from 'turndown';

/** The slice of the DOM node interface these rules use (the project compiles without lib.dom). */
interface DomNode {
  nodeName: string;
  nodeType: number;
  nodeValue: string | null;
  childNodes: ArrayLike<DomNode>;
  parentNode: DomNode | null;
}

const TEXT_NODE = 3;

/** Text of a node with <sup>/<sub> kept readable: `10<sup>5</sup>` → `10^5` (plain text would say 105). */
function plainText(node: DomNode): string {
  if (node.nodeType === TEXT_NODE) return node.nodeValue ?? '';
  const inner = Array.from(node.childNodes).map(plainText).join('');
  if (node.nodeName === 'SUP') return `^${inner}`;
  if (node.nodeName === 'SUB') return `_${inner}`;
  if (node.nodeName === 'BR') return '\n';
  return inner;
}

function inlineCode(text: string): string {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

function isHeaderRow(row: DomNode): boolean {
  const section = row.parentNode;
  if (section?.nodeName === 'THEAD') return true;
  const rows = Array.from(section?.childNodes ?? []).filter((n) => n.nodeName === 'TR');
  const inHeadlessTable = section?.parentNode?.nodeName === 'TABLE' && !Array.from(section.parentNode.childNodes).some((n) => n.nodeName === 'THEAD');
  return rows[0] === row && (section?.nodeName === 'TABLE' || inHeadlessTable);
}

function createService(): TurndownService {
  const service = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced', bulletListMarker: '-' });
  // LeetCode examples are <pre> blocks of text with <strong> labels, not <pre><code>.
  service.addRule('preformatted', {
    filter: 'pre',
    replacement: (_content, node) => {
      const text = plainText(node as unknown as DomNode).replace(/^\n+|\s+$/g, '');
      return `\n\n\`\`\`\n${text}\n\`\`\`\n\n`;
    },
  });
  service.addRule('inlineCode', {
    filter: (node) => node.nodeName === 'CODE' && (node as unknown as DomNode).parentNode?.nodeName !== 'PRE',
    replacement: (_content, node) => inlineCode(plainText(node as unknown as DomNode)),
  });
  service.addRule('superscript', { filter: ['sup'], replacement: (content) => `^${content}` });
  service.addRule('subscript', { filter: ['sub'], replacement: (content) => `_${content}` });
  service.addRule('tableCell', {
    filter: ['th', 'td'],
    replacement: (content) => ` ${content.replace(/\s*\n+\s*/g, ' ').trim().replace(/\|/g, '\\|')} |`,
  });
  service.addRule('tableRow', {
    filter: 'tr',
    replacement: (content, node) => {
      const row = node as unknown as DomNode;
      if (!isHeaderRow(row)) return `|${content}\n`;
      const cells = Array.from(row.childNodes).filter((n) => n.nodeName === 'TH' || n.nodeName === 'TD').length;
      return `|${content}\n|${' --- |'.repeat(cells)}\n`;
    },
  });
  service.addRule('tableSection', { filter: ['thead', 'tbody', 'tfoot'], replacement: (content) => content });
  service.addRule('table', { filter: 'table', replacement: (content) => `\n\n${content.trim()}\n\n` });
  return service;
}

let service: TurndownService | undefined;

/** HTML (LeetCode problem statements) → Markdown; <pre> examples become fenced code blocks. */
export function htmlToMarkdown(html: string): string {
  service ??= createService();
  return service.turndown(html);
}
