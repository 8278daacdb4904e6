import type { PipeStep } from './adapter-spec.types';

/** A parsed template: literal text and `{path|filter:arg,arg|filter}` placeholders (arguments cannot hold `,`, `|` or `}`). */
export type TemplatePart = { text: string } | { path: string; pipe: PipeStep[] };

export class TemplateSyntaxError extends Error {}

export function parseTemplate(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let text = '';
  let i = 0;
  while (i < template.length) {
    const ch = template[i];
    if ((ch === '{' || ch === '}') && template[i + 1] === ch) {
      text += ch;
      i += 2;
    } else if (ch === '{') {
      const end = template.indexOf('}', i + 1);
      if (end < 0) throw new TemplateSyntaxError(`unclosed '{' at ${i} in template ${JSON.stringify(template)}`);
      if (text) parts.push({ text });
      text = '';
      parts.push(parsePlaceholder(template.slice(i + 1, end), template));
      i = end + 1;
    } else if (ch === '}') {
      throw new TemplateSyntaxError(`stray '}' at ${i} in template ${JSON.stringify(template)} (write '}}')`);
    } else {
      text += ch;
      i += 1;
    }
  }
  if (text) parts.push({ text });
  return parts;
}

function parsePlaceholder(body: string, template: string): TemplatePart {
  const [path, ...filters] = body.split('|');
  if (!path.trim()) throw new TemplateSyntaxError(`empty placeholder in template ${JSON.stringify(template)}`);
  const pipe = filters.map((filter): PipeStep => {
    const colon = filter.indexOf(':');
    if (colon < 0) return filter.trim();
    const args = filter.slice(colon + 1).split(',').map(unescapeArg);
    return [filter.slice(0, colon).trim(), ...args];
  });
  return { path: path.trim(), pipe };
}

/** Template arguments may write `\n` and `\t` for a newline and a tab (`{turns|join:\n\n}`). */
function unescapeArg(arg: string): string {
  return arg.replace(/\\n/g, '\n').replace(/\\t/g, '\t');
}
