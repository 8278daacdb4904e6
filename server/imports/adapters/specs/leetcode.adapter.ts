import { defineAdapter } from '../spec-validator';

const DESCRIPTION = ['between', '<!-- description:start -->', '<!-- description:end -->'] as const;
const SOLUTION = ['between', '<!-- solution:start -->', '<!-- solution:end -->'] as const;

/**
 * doocs/leetcode problem READMEs (`{ path, text }` per file): the problem statement (HTML turned
 * into Markdown) is the instruction; the first solution method's explanation and its Python3 code
 * (else the first code block of any language) is the answer.
 */
export const leetcodeAdapter = defineAdapter({
  key: 'leetcode',
  title: 'LeetCode (doocs/leetcode, Chinese)',
  description: 'One problem per README.md: title + statement as the instruction, first method’s explanation + Python3 code as the answer.',
  format: 'markdown-files',
  fileName: 'README.md',
  source: { name: 'doocs/leetcode', kind: 'curation', license: 'CC BY-SA 4.0', homepage: 'https://github.com/doocs/leetcode' },
  fields: [
    { path: 'path', type: 'nonEmptyString' },
    { path: 'text', type: 'nonEmptyString' },
  ],
  vars: {
    title: { path: 'text', pipe: [['regex', '^#\\s+\\[\\d+\\.\\s*(.+?)(?:\\s*🔒)?\\]\\(']] },
    description: { path: 'text', pipe: [[...DESCRIPTION], 'htmlToMarkdown'] },
    solution: { path: 'text', pipe: [[...SOLUTION]] },
    // From the first method heading ("### 方法一：…", marker dropped) to its code tabs.
    explanation: { path: '@solution', pipe: [['between', '### ', '<!-- tabs:start -->']] },
    code: { first: [{ path: '@solution', pipe: [['codeBlock', 'python', 'python3']] }, { path: '@solution', pipe: ['codeBlock'] }] },
  },
  when: [
    { require: { path: 'path', matches: '(?:^|/)\\d+\\.[^/]+/README\\.md$' }, reason: 'not a problem README: {path}' },
    { require: { path: '@description', nonEmpty: true }, reason: 'no problem description in {path}' },
    { require: { path: '@code', nonEmpty: true }, reason: 'no solution code in {path}' },
  ],
  ability: { const: 'code' },
  messages: {
    turns: [
      { role: 'user', content: { template: '{@title}\n\n{@description}' } },
      { role: 'assistant', content: { template: '{@explanation|trim}\n\n{@code}' } },
    ],
  },
  questionFormat: { const: 1 },
  answerType: { const: 'open' },
  gold: { const: null },
  sourceRecordId: { path: 'path', pipe: [['regex', '(?:^|/)(\\d+)\\.[^/]+/README\\.md$'], 'int', 'string'] },
  meta: {
    title: { path: '@title' },
    difficulty: { path: 'text', pipe: [['frontMatter', 'difficulty']] },
    tags: { path: 'text', pipe: [['frontMatter', 'tags']] },
    rating: { path: 'text', pipe: [['frontMatter', 'rating']] },
  },
});
