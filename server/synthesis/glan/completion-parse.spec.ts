import { describe, expect, it } from 'vitest';
import { parseClassSessions, parseSubjectLines, parseTaxonomyDraft } from './completion-parse';
import { mergeTaxonomyDrafts } from './taxonomy-review';
import { extractJson } from './json-extract';

// A corpus of completions as models write them (issue 15 item 2: "Malformed JSON is repaired … what still fails is
// listed with its raw text, never dropped silently").
const clean = [
  '{"subject_name": "Linear Algebra", "level": "200", "subtopics": ["Vector spaces", "Eigenvalues"]}',
  '{"subject_name": "Real Analysis", "level": 300, "subtopics": ["Limits", "Continuity"]}',
].join('\n');

describe(parseSubjectLines.name, () => {
  it('clean JSON lines give typed records with their lines; a numeric level becomes its text', () => {
    const r = parseSubjectLines(clean);
    expect(r).toEqual({
      ok: true,
      records: [
        { subject_name: 'Linear Algebra', level: '200', subtopics: ['Vector spaces', 'Eigenvalues'], line: 1 },
        { subject_name: 'Real Analysis', level: '300', subtopics: ['Limits', 'Continuity'], line: 2 },
      ],
      problems: [],
      notes: [],
    });
  });

  it('issue 15 item 2: code fences and prose around the JSON — the prose is listed as ignored, the fences are not', () => {
    const text = `Sure! Here are the subjects in JSON lines:\n\`\`\`json\n${clean}\n\`\`\`\nLet me know if you need more.`;
    const r = parseSubjectLines(text);
    if (!r.ok) throw new Error(r.error);
    expect(r.records.map((x) => [x.subject_name, x.line])).toEqual([['Linear Algebra', 3], ['Real Analysis', 4]]);
    expect(r.notes).toEqual([
      'line 1: ignored text outside the JSON: Sure! Here are the subjects in JSON lines:',
      'line 6: ignored text outside the JSON: Let me know if you need more.',
    ]);
  });

  it('issue 15 item 2: trailing commas, single quotes, Python literals, curly quotes and unclosed brackets are repaired, and each repair is noted', () => {
    const text = [
      `{'subject_name': 'Number Theory', 'level': '300', 'subtopics': ['Primes', 'Congruences',],}`,
      '{"subject_name": "Topology", "level": "400", "subtopics": ["Open sets", "Compactness"], "core": True}',
      '{“subject_name”: “Graph Theory”, “level”: “300”, “subtopics”: [“Trees”]}',
      '{"subject_name": "Measure Theory", "level": "500", "subtopics": ["σ-algebras", "Lebesgue integral"', // truncated line
      '{"subject_name": "Logic", "level": "100", "subtopics": ["Propositions"]}',
    ].join('\n');
    const r = parseSubjectLines(text);
    if (!r.ok) throw new Error(r.error);
    expect(r.records.map((x) => [x.line, x.subject_name, x.subtopics])).toEqual([
      [1, 'Number Theory', ['Primes', 'Congruences']],
      [2, 'Topology', ['Open sets', 'Compactness']],
      [3, 'Graph Theory', ['Trees']],
      [4, 'Measure Theory', ['σ-algebras', 'Lebesgue integral']],
      [5, 'Logic', ['Propositions']],
    ]);
    expect(r.problems).toEqual([]);
    expect(r.notes).toHaveLength(4);
    r.notes.forEach((n, i) => expect(n).toMatch(new RegExp(`^line ${i + 1}: repaired malformed JSON \\(.+\\)$`)));
  });

  it('issue 15 item 2: Chinese subjects, a JSON array instead of lines, full-width text, an unescaped quote inside a string', () => {
    const text = `以下是学科列表：\n[\n  {"subject_name": "高等代数", "level": "本科二年级", "subtopics": ["线性空间", "特征值与特征向量"]},\n  {"subject_name": "数学分析（一）", "level": "本科一年级", "subtopics": ["极限", "他说"连续"很重要"]},\n]\n`;
    const r = parseSubjectLines(text, 'zh');
    if (!r.ok) throw new Error(r.error);
    expect(r.records).toEqual([
      { subject_name: '高等代数', level: '本科二年级', subtopics: ['线性空间', '特征值与特征向量'], line: 2 },
      { subject_name: '数学分析（一）', level: '本科一年级', subtopics: ['极限', '他说"连续"很重要'], line: 2 },
    ]);
    expect(r.notes).toContain('line 1: ignored text outside the JSON: 以下是学科列表：');
  });

  it('issue 15 item 2: a record with a bad field is reported with its line and field; the good ones are kept', () => {
    const text = [
      '{"subject_name": "", "level": "100", "subtopics": ["x"]}',
      '{"subject_name": "Statistics", "level": "200", "subtopics": ["Estimation", 3]}',
      '{"subject_name": "Probability", "subtopics": "Events, Random variables"}',
      '{"subject_name": "Calculus", "level": "100", "subtopics": ["Derivatives"]}',
      '["not", "a subject"]',
    ].join('\n');
    const r = parseSubjectLines(text);
    if (!r.ok) throw new Error(r.error);
    expect(r.records.map((x) => x.subject_name)).toEqual(['Calculus']);
    expect(r.problems.map((p) => p.message)).toEqual([
      'line 1, field subject_name: must be a non-empty string',
      'line 2, field subtopics[1]: must be a non-empty string',
      'line 3, field level: must be a non-empty string or a number',
      'line 3, field subtopics: must be an array of strings',
      'line 5, item 0: expected a JSON object with subject_name, level, subtopics',
      'line 5, item 1: expected a JSON object with subject_name, level, subtopics',
    ]);
    expect(r.problems[1]).toMatchObject({ line: 2, field: 'subtopics[1]', raw: expect.stringContaining('"Statistics"') });
  });

  it('issue 15 item 2: nothing usable — a structured failure with the raw text, the error and a retry instruction (en and zh)', () => {
    const prose = 'I am sorry, but I cannot produce a list of subjects for this discipline.';
    const r = parseSubjectLines(prose);
    expect(r).toEqual({
      ok: false,
      raw: prose,
      error: 'no JSON found in the output (expected subject JSON lines)',
      problems: [],
      retry: 'Your output was not valid JSON: no JSON found in the output (expected subject JSON lines). Reply again with only the JSON in the required format, without any explanation.',
    });
    const bad = parseSubjectLines('{"subject_name": "x", "level": "1", "subtopics": []}\n', 'zh');
    // an empty subtopics array is allowed; a missing subject name is not
    expect(bad.ok).toBe(true);
    const none = parseSubjectLines('{"level": "1"}', 'zh');
    if (none.ok) throw new Error('expected a failure');
    expect(none.error).toBe('line 1, field subject_name: must be a non-empty string; line 1, field subtopics: must be an array of strings');
    expect(none.retry.startsWith('你上一次的输出不是有效的 JSON：line 1, field subject_name')).toBe(true);
  });
});

describe(extractJson.name, () => {
  it('issue 15 item 2: numbered or bulleted JSON lines with commas between them, and comments, are read; the markers are listed', () => {
    const text = [
      '1. {"subject_name": "Optics", "level": "200", "subtopics": ["Lenses"]},',
      '- {"subject_name": "Acoustics", "level": "300", "subtopics": ["Waves"]} // core course',
      '',
      '{"subject_name": "声学", "level": "本科", "subtopics": ["声波"]};',
    ].join('\n');
    const r = parseSubjectLines(text);
    if (!r.ok) throw new Error(r.error);
    expect(r.records.map((x) => [x.line, x.subject_name])).toEqual([[1, 'Optics'], [2, 'Acoustics'], [4, '声学']]);
    expect(r.notes).toEqual(['line 1: ignored text outside the JSON: 1.', 'line 2: ignored text outside the JSON: -', 'line 2: ignored text outside the JSON: // core course']);
  });

  it('a chunk that cannot be repaired is a failure with its line and raw text, not dropped', () => {
    const r = extractJson('ok:\n{"a": 1}\n{"b": 1 :: 2}\n');
    expect(r.values).toEqual([{ line: 2, value: { a: 1 } }]);
    expect(r.failures).toHaveLength(1);
    expect(r.failures[0]).toMatchObject({ line: 3, raw: '{"b": 1 :: 2}', error: 'Object key expected at position 8' });
    expect(r.ignored).toEqual([{ line: 1, text: 'ok:' }]);
    // and a typed parser lists it among its problems
    const subjects = parseSubjectLines('{"subject_name": "A", "level": "1", "subtopics": []}\n{"subject_name": "B" :: 2}');
    if (!subjects.ok) throw new Error(subjects.error);
    expect(subjects.problems).toEqual([
      { line: 2, message: 'line 2: not valid JSON even after repair: Object key expected at position 21', raw: '{"subject_name": "B" :: 2}' },
    ]);
  });

  it('brackets and quotes inside strings do not end a value; bracketed prose is not JSON', () => {
    const r = extractJson('[1] Intro\n{"t": "a } b ] c", "u": "it\'s {fine}"} trailing words');
    expect(r.values).toEqual([{ line: 2, value: { t: 'a } b ] c', u: "it's {fine}" } }]);
    expect(r.ignored).toEqual([
      { line: 1, text: '[1] Intro' },
      { line: 2, text: 'trailing words' },
    ]);
  });

  it('pretty-printed objects spanning lines stay one value', () => {
    const r = extractJson('```\n{\n  "title": "Limits",\n  "concepts": [\n    "epsilon-delta",\n    "squeeze theorem"\n  ]\n}\n```');
    expect(r).toEqual({ values: [{ line: 2, value: { title: 'Limits', concepts: ['epsilon-delta', 'squeeze theorem'] } }], failures: [], repaired: [], ignored: [] });
  });
});

describe(parseClassSessions.name, () => {
  it('issue 15 item 2: sessions from an array, from {"sessions": […]}, or one per line, in order', () => {
    const arr = '[{"title": "集合与映射", "concepts": ["集合", "映射"]}, {"title": "极限", "concepts": ["数列极限"]}]';
    const expected = [
      { title: '集合与映射', concepts: ['集合', '映射'] },
      { title: '极限', concepts: ['数列极限'] },
    ];
    for (const text of [arr, `{"sessions": ${arr}}`, '{"title": "集合与映射", "concepts": ["集合", "映射"]}\n{"title": "极限", "concepts": ["数列极限"]}']) {
      const r = parseClassSessions(text, 'zh');
      if (!r.ok) throw new Error(r.error);
      expect(r.records.map(({ title, concepts }) => ({ title, concepts }))).toEqual(expected);
    }
  });

  it('issue 15 item 2: a truncated completion keeps the complete sessions and repairs the cut one; a session without concepts is named', () => {
    const text = 'Here is the JSON:\n```json\n[\n  {"title": "Vectors", "concepts": ["dot product", "cross product"]},\n  {"title": "Matrices", "concepts": []},\n  {"title": "Determinants", "concepts": ["cofactor expansion", "Cramer\'s rule"';
    const r = parseClassSessions(text);
    if (!r.ok) throw new Error(r.error);
    expect(r.records.map((s) => s.title)).toEqual(['Vectors', 'Determinants']);
    expect(r.records[1].concepts).toEqual(['cofactor expansion', "Cramer's rule"]);
    expect(r.problems.map((p) => p.message)).toEqual(['line 3, session 1, field concepts: must be a non-empty array of strings']);
    expect(r.notes[0]).toMatch(/^line 3: repaired malformed JSON/);
  });
});

describe(parseTaxonomyDraft.name, () => {
  it('issue 15 item 1: a fenced, trailing-comma draft is read and merges; a bare array of fields is accepted; nothing usable fails with a retry', () => {
    const a = parseTaxonomyDraft('```json\n{"fields": [{"name": "自然科学", "children": [{"name": "数学", "children": [{"name": "代数学"},]},]},]}\n```', 'zh');
    const b = parseTaxonomyDraft('[{"name": "自然科学", "children": [{"name": "物理学", "children": [{"name": "力学"}]}]}]\nHope this helps!');
    if (!a.ok || !b.ok) throw new Error('expected drafts');
    expect(b.notes).toEqual(['line 2: ignored text outside the JSON: Hope this helps!']);
    const merged = mergeTaxonomyDrafts([a.records[0], b.records[0]]).taxonomy;
    expect(merged.fields.map((f) => [f.name, f.children.map((c) => c.name)])).toEqual([['自然科学', ['数学', '物理学']]]);
    const none = parseTaxonomyDraft('{"subjects": []}', 'zh');
    expect(none).toMatchObject({ ok: false, error: 'line 1: expected {"fields": [...]} or an array of fields' });
  });

  it('issue 15 item 1: a draft cut off inside a code fence is repaired without taking the closing fence into the JSON', () => {
    const cut = parseTaxonomyDraft('Here is the taxonomy:\n```json\n{"fields": [{"name": "Natural sciences", "children": [{"name": "Chemistry", "children": [{"name": "Organic chemistry"},]}]}\n```\nDone.');
    if (!cut.ok) throw new Error(cut.error);
    expect(cut.records).toEqual([{ fields: [{ name: 'Natural sciences', children: [{ name: 'Chemistry', children: [{ name: 'Organic chemistry' }] }] }] }]);
    expect(cut.notes).toEqual([expect.stringMatching(/^line 3: repaired malformed JSON/), 'line 1: ignored text outside the JSON: Here is the taxonomy:', 'line 5: ignored text outside the JSON: Done.']);
  });
});
