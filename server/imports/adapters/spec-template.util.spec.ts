import { describe, expect, it } from 'vitest';
import { TemplateSyntaxError, parseTemplate } from './spec-template.util';

describe('spec templates', () => {
  it('splits text and placeholders with filter pipes and arguments', () => {
    expect(parseTemplate('{text}\n{options|lettered}')).toEqual([
      { path: 'text', pipe: [] },
      { text: '\n' },
      { path: 'options', pipe: ['lettered'] },
    ]);
    expect(parseTemplate('{a|between:<x>,<y>|trim}')).toEqual([{ path: 'a', pipe: [['between', '<x>', '<y>'], 'trim'] }]);
  });

  it('reads \\n and \\t in filter arguments as newline and tab', () => {
    expect(parseTemplate('{turns|join:\\n\\n}')).toEqual([{ path: 'turns', pipe: [['join', '\n\n']] }]);
  });

  it('treats doubled braces as literal braces', () => {
    expect(parseTemplate('{{x}} {y}')).toEqual([{ text: '{x} ' }, { path: 'y', pipe: [] }]);
  });

  it('rejects unclosed, stray and empty placeholders', () => {
    expect(() => parseTemplate('{a')).toThrow(TemplateSyntaxError);
    expect(() => parseTemplate('a}')).toThrow(/stray/);
    expect(() => parseTemplate('{ }')).toThrow(/empty placeholder/);
  });
});
