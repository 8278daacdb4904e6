import { parse as parseYaml } from 'yaml';
import { isPlainObject } from '../spec-path.util';
import { TransformError } from './transform-error';

const FRONT_MATTER = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\r?\n/;

/** A key of the YAML front matter (`---` block at the top), or null when absent. */
export function frontMatter(text: string, key: string): unknown {
  const block = FRONT_MATTER.exec(text);
  if (!block) return null;
  let data: unknown;
  try {
    data = parseYaml(block[1]);
  } catch (error) {
    throw new TransformError(`frontMatter: YAML front matter does not parse: ${(error as Error).message}`, 'malformed_yaml');
  }
  return isPlainObject(data) ? (data[key] ?? null) : null;
}

const FENCED_BLOCK = /^(`{3,}|~{3,})[ \t]*([^\s`]*)[^\n]*\n[\s\S]*?\n\1[ \t]*$/gm;

/** The first fenced code block (fences included) whose language is one of `languages` (any when none given). */
export function codeBlock(text: string, ...languages: string[]): string | null {
  const wanted = languages.map((language) => language.toLowerCase());
  for (const match of text.matchAll(FENCED_BLOCK)) {
    if (wanted.length === 0 || wanted.includes(match[2].toLowerCase())) return match[0];
  }
  return null;
}
