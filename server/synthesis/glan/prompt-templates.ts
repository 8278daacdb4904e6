import type { QuestionContext } from './concept-sampling';

/**
 * The GLAN prompts (issue 15 item 2; DESIGN.md §1 "Synthetic data"), as versioned constants. A template's id and
 * version (`templateRef`) go into every node key, so changing a template's wording means a new version — never an
 * edit in place — and a resumed run keeps the nodes made with the old one apart. The English wording follows the
 * GLAN paper's prompts in spirit (subjects with levels and sub-topics, a syllabus broken into class sessions with
 * key concepts, homework questions grounded in sampled sessions and concepts); the Chinese templates say the same
 * in Chinese, for disciplines named in Chinese (`promptLanguage`).
 */

export type PromptLanguage = 'en' | 'zh';

export type TemplateKind =
  | 'taxonomy-draft-academic'
  | 'taxonomy-draft-curriculum'
  | 'taxonomy-draft-professions'
  | 'subject-list'
  | 'subject-jsonl'
  | 'syllabus'
  | 'class-sessions'
  | 'question-single'
  | 'question-pair'
  | 'answer';

export interface PromptTemplate {
  kind: TemplateKind;
  language: PromptLanguage;
  /** Bump when the wording changes: the template's nodes get new keys. */
  version: number;
  system?: string;
  user: string;
}

export interface ChatMessage {
  role: 'system' | 'user';
  content: string;
}

export interface RenderedPrompt {
  template: string;
  messages: ChatMessage[];
}

/** `glan.<kind>.<language>@<version>`: what node keys record. */
export function templateRef(t: PromptTemplate): string {
  return `glan.${t.kind}.${t.language}@${t.version}`;
}

/** Chinese when the text holds a Han character (a discipline named 代数学 gets the Chinese prompts), else English. */
export function promptLanguage(text: string): PromptLanguage {
  return /\p{Script=Han}/u.test(text) ? 'zh' : 'en';
}

const TAXONOMY_FORMAT_EN =
  'Answer with one JSON object and nothing else, in this shape: ' +
  '{"fields": [{"name": "<field>", "children": [{"name": "<sub-field>", "children": [{"name": "<discipline>"}]}]}]}';
const TAXONOMY_FORMAT_ZH =
  '只输出一个 JSON 对象，不要输出其他内容，格式为：' +
  '{"fields": [{"name": "<领域>", "children": [{"name": "<子领域>", "children": [{"name": "<学科>"}]}]}]}';

const T = (kind: TemplateKind, language: PromptLanguage, user: string, system?: string): PromptTemplate => ({ kind, language, version: 1, user, system });

export const GLAN_TEMPLATES: readonly PromptTemplate[] = [
  // Taxonomy drafting: several prompts that look at human knowledge from different sides; their drafts are merged.
  T(
    'taxonomy-draft-academic',
    'en',
    'List the fields of human knowledge as a university organises them: fields, the sub-fields of each field, and ' +
      'the disciplines of each sub-field that a student could major in. Be comprehensive and do not repeat a name. ' +
      `{{scope}}\n\n${TAXONOMY_FORMAT_EN}`,
  ),
  T(
    'taxonomy-draft-academic',
    'zh',
    `请按照大学的学科体系列出人类知识的各个领域：领域、每个领域下的子领域，以及每个子领域下学生可以主修的学科。要求全面，名称不要重复。{{scope}}\n\n${TAXONOMY_FORMAT_ZH}`,
  ),
  T(
    'taxonomy-draft-curriculum',
    'en',
    'List everything people learn, from primary and secondary school through university and vocational education, ' +
      'as a taxonomy: broad fields, their sub-fields, and the disciplines within each sub-field. Be comprehensive and ' +
      `do not repeat a name. {{scope}}\n\n${TAXONOMY_FORMAT_EN}`,
  ),
  T(
    'taxonomy-draft-curriculum',
    'zh',
    `请把人们从中小学到大学、职业教育所学习的全部内容整理成分类体系：大的领域、其下的子领域，以及每个子领域中的学科。要求全面，名称不要重复。{{scope}}\n\n${TAXONOMY_FORMAT_ZH}`,
  ),
  T(
    'taxonomy-draft-professions',
    'en',
    'List the knowledge that professions and everyday life require — science, engineering, the humanities, the arts, ' +
      'trades, services and practical skills — as a taxonomy: fields, their sub-fields, and the disciplines within ' +
      `each sub-field. Be comprehensive and do not repeat a name. {{scope}}\n\n${TAXONOMY_FORMAT_EN}`,
  ),
  T(
    'taxonomy-draft-professions',
    'zh',
    `请列出各行各业和日常生活所需要的知识——科学、工程、人文、艺术、技艺、服务和实用技能——整理成分类体系：领域、其下的子领域，以及每个子领域中的学科。要求全面，名称不要重复。{{scope}}\n\n${TAXONOMY_FORMAT_ZH}`,
  ),

  // Subjects of a discipline: sampled k times at a high temperature, then turned into JSON lines by a second prompt.
  T(
    'subject-list',
    'en',
    'You are an education expert in {{discipline}} ({{field}} / {{subfield}}). Create a comprehensive list of the ' +
      'subjects a student should learn when studying {{discipline}}. For each subject give its level (e.g. 100, 200, ' +
      '300, 400 for undergraduate years, 500 and above for graduate study) and the key sub-topics it covers.',
  ),
  T(
    'subject-list',
    'zh',
    '你是{{discipline}}（{{field}} / {{subfield}}）方面的教育专家。请全面列出学习{{discipline}}的学生应当学习的课程。' +
      '对每门课程，给出它的层次（例如本科一年级、本科二年级……研究生）以及它涵盖的主要子主题。',
  ),
  T(
    'subject-jsonl',
    'en',
    'Convert the list of subjects below into JSON lines: one JSON object per line, each of the form ' +
      '{"subject_name": "<name>", "level": "<level>", "subtopics": ["<sub-topic>", …]}. Keep every subject, its level ' +
      'and its sub-topics as written. Output only the JSON lines.\n\nSubjects:\n{{subject_list}}',
  ),
  T(
    'subject-jsonl',
    'zh',
    '请把下面的课程列表转换为 JSON lines：每行一个 JSON 对象，格式为 ' +
      '{"subject_name": "<课程名>", "level": "<层次>", "subtopics": ["<子主题>", …]}。保留每门课程及其层次和子主题的原文。只输出 JSON lines。\n\n课程列表：\n{{subject_list}}',
  ),

  // A syllabus per subject, then its class sessions with their key concepts.
  T(
    'syllabus',
    'en',
    'You are an expert in {{discipline}}. Design a detailed syllabus for the course "{{subject}}" (level {{level}}), ' +
      'covering these sub-topics: {{subtopics}}. Break the course into class sessions in teaching order; for each ' +
      'session give a title, a short description and the key concepts it teaches.',
  ),
  T(
    'syllabus',
    'zh',
    '你是{{discipline}}方面的专家。请为课程“{{subject}}”（层次：{{level}}）设计一份详细的教学大纲，涵盖以下子主题：{{subtopics}}。' +
      '按教学顺序把课程分成若干课时；每个课时给出标题、简要说明以及本课时讲授的关键概念。',
  ),
  T(
    'class-sessions',
    'en',
    'Extract the class sessions of the syllabus below, in order, each with its key concepts. Answer with a JSON array ' +
      'and nothing else: [{"title": "<session title>", "concepts": ["<key concept>", …]}, …]\n\nSyllabus:\n{{syllabus}}',
  ),
  T(
    'class-sessions',
    'zh',
    '请按顺序提取下面教学大纲中的各个课时及其关键概念。只输出一个 JSON 数组，不要输出其他内容：' +
      '[{"title": "<课时标题>", "concepts": ["<关键概念>", …]}, …]\n\n教学大纲：\n{{syllabus}}',
  ),

  // Homework questions: one session and 1–5 of its concepts, or two sessions and 2–5 concepts across both.
  T(
    'question-single',
    'en',
    'You are an expert in {{discipline}} teaching the course "{{subject}}" (level {{level}}). The syllabus so far:\n' +
      '{{sessions_up_to}}\n\nWrite one homework question for the class session "{{session}}" that tests these key ' +
      'concepts: {{concepts}}. The question should be self-contained, answerable by a student who has followed the ' +
      'sessions above, and may require reasoning or calculation. Output only the question.',
  ),
  T(
    'question-single',
    'zh',
    '你是{{discipline}}方面的专家，正在讲授课程“{{subject}}”（层次：{{level}}）。目前为止的教学大纲：\n{{sessions_up_to}}\n\n' +
      '请为课时“{{session}}”出一道作业题，考查以下关键概念：{{concepts}}。题目应当完整独立，学过以上课时的学生能够作答，可以需要推理或计算。只输出题目。',
  ),
  T(
    'question-pair',
    'en',
    'You are an expert in {{discipline}} teaching the course "{{subject}}" (level {{level}}). The syllabus so far:\n' +
      '{{sessions_up_to}}\n\nWrite one homework question that connects the class sessions "{{session}}" and ' +
      '"{{session_2}}", testing these key concepts together: {{concepts}}. The question should be self-contained, ' +
      'answerable by a student who has followed the sessions above, and may require reasoning or calculation. Output only the question.',
  ),
  T(
    'question-pair',
    'zh',
    '你是{{discipline}}方面的专家，正在讲授课程“{{subject}}”（层次：{{level}}）。目前为止的教学大纲：\n{{sessions_up_to}}\n\n' +
      '请出一道把课时“{{session}}”和“{{session_2}}”联系起来的作业题，综合考查以下关键概念：{{concepts}}。题目应当完整独立，学过以上课时的学生能够作答，可以需要推理或计算。只输出题目。',
  ),

  // Answers: generated separately (another model and temperature allowed), from the question alone.
  T('answer', 'en', '{{question}}', 'You are a knowledgeable and patient teacher. Answer the student\'s homework question correctly and completely, showing your reasoning step by step.'),
  T('answer', 'zh', '{{question}}', '你是一位知识渊博、耐心细致的老师。请正确、完整地回答学生的作业题，并逐步给出推理过程。'),
];

export function getTemplate(kind: TemplateKind, language: PromptLanguage): PromptTemplate {
  const t = GLAN_TEMPLATES.find((x) => x.kind === kind && x.language === language);
  if (!t) throw new Error(`no GLAN template ${kind} in ${language}`);
  return t;
}

const PLACEHOLDER = /\{\{(\w+)\}\}/g;

/** The placeholders a template uses, in order of first use. */
export function templateVariables(t: PromptTemplate): string[] {
  const names = [...`${t.system ?? ''}\n${t.user}`.matchAll(PLACEHOLDER)].map((m) => m[1]);
  return [...new Set(names)];
}

/**
 * Fills a template. Every placeholder needs a value and every value a placeholder (a typo in either is an error
 * naming the template and the variable, not a prompt with `{{subjcet}}` left in it); values are NFC-normalised and
 * inserted as they are (no further substitution inside them).
 */
export function renderTemplate(t: PromptTemplate, vars: Readonly<Record<string, string>>): RenderedPrompt {
  const ref = templateRef(t);
  const wanted = templateVariables(t);
  const missing = wanted.filter((v) => typeof vars[v] !== 'string');
  if (missing.length > 0) throw new Error(`template ${ref}: no value for ${missing.join(', ')}`);
  const unused = Object.keys(vars).filter((v) => !wanted.includes(v));
  if (unused.length > 0) throw new Error(`template ${ref}: it has no placeholder for ${unused.join(', ')}`);
  const fill = (text: string) => text.replace(PLACEHOLDER, (_, name: string) => vars[name].normalize('NFC'));
  const messages: ChatMessage[] = [];
  if (t.system !== undefined) messages.push({ role: 'system', content: fill(t.system) });
  messages.push({ role: 'user', content: fill(t.user) });
  return { template: ref, messages };
}

/** The variables of a homework question prompt, from the sampled context (see questionContext). */
export function questionVariables(
  base: { discipline: string; subject: string; level: string },
  context: QuestionContext,
  language: PromptLanguage,
): Record<string, string> {
  const sep = language === 'zh' ? '、' : ', ';
  const sessionLabel = (position: number) => (language === 'zh' ? `第${position + 1}课时` : `Session ${position + 1}`);
  const sessionsUpTo = context.sessionsUpTo
    .map((s) => `${sessionLabel(s.position)}: ${s.title}${language === 'zh' ? '（关键概念：' : ' (key concepts: '}${s.concepts.join(sep)}${language === 'zh' ? '）' : ')'}`)
    .join('\n');
  const vars: Record<string, string> = {
    ...base,
    sessions_up_to: sessionsUpTo,
    session: context.sampled[0].title,
    concepts: context.sampled.flatMap((s) => s.concepts).join(sep),
  };
  if (context.sampled.length === 2) vars.session_2 = context.sampled[1].title;
  return vars;
}
