import { describe, expect, it } from 'vitest';
import { type ClassSession, parseComboKey, questionContext } from './concept-sampling';
import { GLAN_TEMPLATES, getTemplate, promptLanguage, questionVariables, renderTemplate, templateRef, templateVariables } from './prompt-templates';

const sessions: ClassSession[] = [
  { title: 'Vectors', concepts: ['dot product', 'cross product'] },
  { title: 'Matrices', concepts: ['matrix product', 'inverse'] },
  { title: 'Determinants', concepts: ['cofactor expansion'] },
  { title: 'Eigenvalues', concepts: ['characteristic polynomial'] },
];

describe('GLAN prompt templates', () => {
  it('issue 15 item 2: every step has an English and a Chinese template, with the same placeholders, and refs are unique', () => {
    const kinds = [...new Set(GLAN_TEMPLATES.map((t) => t.kind))];
    expect(kinds).toHaveLength(10);
    for (const kind of kinds) {
      expect(templateVariables(getTemplate(kind, 'zh')), kind).toEqual(expect.arrayContaining(templateVariables(getTemplate(kind, 'en'))));
      expect(templateVariables(getTemplate(kind, 'en')), kind).toEqual(expect.arrayContaining(templateVariables(getTemplate(kind, 'zh'))));
    }
    const refs = GLAN_TEMPLATES.map(templateRef);
    expect(new Set(refs).size).toBe(refs.length);
    expect(refs).toContain('glan.syllabus.zh@1');
    expect(kinds.filter((k) => k.startsWith('taxonomy-draft-'))).toHaveLength(3);
  });

  it('issue 15 item 2: a discipline named in Chinese gets the Chinese prompts', () => {
    expect(promptLanguage('代数学')).toBe('zh');
    expect(promptLanguage('中国古代史 (Ancient China)')).toBe('zh');
    expect(promptLanguage('Algebra')).toBe('en');
    expect(promptLanguage('Ökonometrie')).toBe('en');
  });

  it('renders the subject listing and the JSON-lines conversion with their variables', () => {
    const p = renderTemplate(getTemplate('subject-list', 'zh'), { discipline: '代数学', field: '自然科学', subfield: '数学' });
    expect(p.template).toBe('glan.subject-list.zh@1');
    expect(p.messages).toEqual([{ role: 'user', content: expect.stringContaining('你是代数学（自然科学 / 数学）方面的教育专家') }]);
    const j = renderTemplate(getTemplate('subject-jsonl', 'en'), { subject_list: '1. Group theory (300): groups, rings' });
    expect(j.messages[0].content).toContain('{"subject_name": "<name>", "level": "<level>", "subtopics": ["<sub-topic>", …]}');
    expect(j.messages[0].content.endsWith('Subjects:\n1. Group theory (300): groups, rings')).toBe(true);
  });

  it('issue 15 item 2: a two-session question names both sessions, the sampled concepts and the sessions up to the last sampled one', () => {
    const ctx = questionContext(sessions, parseComboKey('s0:1+s2:0', sessions));
    const vars = questionVariables({ discipline: 'Mathematics', subject: 'Linear Algebra', level: '200' }, ctx, 'en');
    const p = renderTemplate(getTemplate('question-pair', 'en'), vars);
    const text = p.messages[0].content;
    expect(text).toContain('Session 1: Vectors (key concepts: dot product, cross product)\nSession 2: Matrices (key concepts: matrix product, inverse)\nSession 3: Determinants (key concepts: cofactor expansion)\n\n');
    expect(text).not.toContain('Eigenvalues');
    expect(text).toContain('connects the class sessions "Vectors" and "Determinants", testing these key concepts together: cross product, cofactor expansion.');
    const single = questionVariables({ discipline: '数学', subject: '线性代数', level: '本科二年级' }, questionContext(sessions, parseComboKey('s1:0,1', sessions)), 'zh');
    const zh = renderTemplate(getTemplate('question-single', 'zh'), single).messages[0].content;
    expect(zh).toContain('第2课时: Matrices（关键概念：matrix product、inverse）');
    expect(zh).toContain('请为课时“Matrices”出一道作业题，考查以下关键概念：matrix product、inverse。');
  });

  it('the answer prompt is the question itself with a system message', () => {
    expect(renderTemplate(getTemplate('answer', 'en'), { question: 'Prove that 2 is prime.' }).messages).toEqual([
      { role: 'system', content: expect.stringContaining('Answer the student') },
      { role: 'user', content: 'Prove that 2 is prime.' },
    ]);
  });

  it('a missing or misspelt variable is an error naming the template and the variable; values are inserted verbatim', () => {
    const t = getTemplate('syllabus', 'en');
    expect(() => renderTemplate(t, { discipline: 'Maths', subject: 'Algebra', level: '100' })).toThrow('template glan.syllabus.en@1: no value for subtopics');
    expect(() => renderTemplate(t, { discipline: 'Maths', subject: 'Algebra', level: '100', subtopics: 'groups', subjcet: 'x' })).toThrow(
      'template glan.syllabus.en@1: it has no placeholder for subjcet',
    );
    const p = renderTemplate(t, { discipline: 'Maths', subject: '{{level}}', level: '100', subtopics: 'groups' });
    expect(p.messages[0].content).toContain('the course "{{level}}" (level 100)');
  });
});
