/**
 * highlight.js token colours (GitHub's light palette) as styles under the markdown box: the theme CSS files
 * ship with highlight.js, which is only a transitive dependency here.
 */
export const codeTheme = {
  '& .hljs-comment, & .hljs-quote': { color: '#6a737d', fontStyle: 'italic' },
  '& .hljs-keyword, & .hljs-selector-tag, & .hljs-type, & .hljs-doctag': { color: '#d73a49' },
  '& .hljs-string, & .hljs-regexp, & .hljs-addition': { color: '#032f62' },
  '& .hljs-number, & .hljs-literal, & .hljs-variable, & .hljs-template-variable, & .hljs-attr': { color: '#005cc5' },
  '& .hljs-title, & .hljs-section, & .hljs-built_in': { color: '#6f42c1' },
  '& .hljs-name, & .hljs-tag, & .hljs-selector-id, & .hljs-selector-class': { color: '#22863a' },
  '& .hljs-meta, & .hljs-symbol, & .hljs-bullet': { color: '#e36209' },
  '& .hljs-deletion': { color: '#b31d28', bgcolor: '#ffeef0' },
  '& .hljs-addition': { bgcolor: '#f0fff4' },
  '& .hljs-emphasis': { fontStyle: 'italic' },
  '& .hljs-strong': { fontWeight: 600 },
} as const;
