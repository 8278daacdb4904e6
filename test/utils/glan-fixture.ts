import type { FixtureRequest, FixtureRespond } from './fixture-llm-server';

/**
 * A fixture "model" that answers the GLAN prompts (server/synthesis/glan/prompt-templates.ts, en and zh) the way a
 * cooperative LLM would, deterministically: subject listings (sample i lists subjects i … i+n−1, so repeated samples
 * overlap and the merge has work to do), their JSON lines, syllabi with numbered sessions, the sessions as JSON,
 * homework questions and answers. Options make some completions broken on purpose.
 */
export interface GlanFixtureOptions {
  /** Subjects per listing (default 2). */
  subjectsPerList?: number;
  /** Sessions per syllabus and key concepts per session (defaults 3 and 3). */
  sessions?: number;
  conceptsPerSession?: number;
  /** JSON lines with a trailing comma and single quotes (jsonrepair fixes them) for disciplines matching this. */
  repairable?: RegExp;
  /** Class sessions answered in prose (no JSON) for subjects matching `match`: once (the retry succeeds) or always. */
  proseSessions?: { match: RegExp; times: 'once' | 'always' }[];
}

const RETRY_MARKERS = ['Your output was not valid JSON', '你上一次的输出不是有效的 JSON'];

function lastUser(req: FixtureRequest): string {
  return [...req.messages].reverse().find((m) => m.role === 'user')?.content ?? '';
}

export function glanFixture(opts: GlanFixtureOptions = {}): FixtureRespond {
  const perList = opts.subjectsPerList ?? 2;
  const nSessions = opts.sessions ?? 3;
  const nConcepts = opts.conceptsPerSession ?? 3;
  return (req) => {
    const user = lastUser(req);
    const system = req.messages.find((m) => m.role === 'system')?.content ?? '';
    const isRetry = RETRY_MARKERS.some((m) => user.includes(m));
    const firstUser = req.messages.find((m) => m.role === 'user')?.content ?? '';

    // subject listing: "You are an education expert in X (F / S)." / "你是X（F / S）方面的教育专家"
    let m = /^You are an education expert in (.+?) \(/.exec(user) ?? /^你是(.+?)（.*?）方面的教育专家/.exec(user);
    if (m) {
      const d = m[1];
      const zh = user.startsWith('你是');
      return Array.from({ length: perList }, (_, j) => {
        const n = req.sampleIndex + j + 1;
        return zh ? `${j + 1}. ${d}专题${n} — 层次 ${n}00；子主题：${d}概念${n}甲、${d}概念${n}乙` : `${j + 1}. ${d} Topic ${n} — level ${n}00; sub-topics: ${d} idea ${n}a, ${d} idea ${n}b`;
      }).join('\n');
    }
    // subject JSON lines: the listing is quoted after "Subjects:" / "课程列表："
    m = /(?:Subjects:|课程列表：)\n([\s\S]*)$/.exec(firstUser);
    if (m && (firstUser.startsWith('Convert the list') || firstUser.startsWith('请把下面的课程列表'))) {
      const lines = m[1].split('\n').map((l) => /^\d+\. (.+?) — (?:level|层次) (\S+?)[;；] ?(?:sub-topics:|子主题：) ?(.+)$/.exec(l)).filter(Boolean) as RegExpExecArray[];
      const broken = opts.repairable?.test(m[1]);
      return lines
        .map(([, name, level, topics]) => {
          const subtopics = topics.split(/, |、/);
          return broken ? `{'subject_name': '${name}', 'level': '${level}', 'subtopics': ${JSON.stringify(subtopics)},}` : JSON.stringify({ subject_name: name, level, subtopics });
        })
        .join('\n');
    }
    // syllabus: 'the course "X"' / '课程“X”'
    m = /the course "(.+?)"/.exec(user) ?? /课程“(.+?)”（层次/.exec(user);
    if (m && (user.includes('Design a detailed syllabus') || user.includes('设计一份详细的教学大纲'))) {
      const s = m[1];
      const zh = user.includes('教学大纲');
      return Array.from({ length: nSessions }, (_, i) => {
        const concepts = Array.from({ length: nConcepts }, (_, c) => (zh ? `${s}第${i + 1}课概念${c + 1}` : `${s} s${i + 1} concept ${c + 1}`));
        return zh ? `第${i + 1}课时：${s}第${i + 1}讲\n关键概念：${concepts.join('、')}` : `Session ${i + 1}: ${s} part ${i + 1}\nKey concepts: ${concepts.join(', ')}`;
      }).join('\n\n');
    }
    // class sessions: the syllabus is quoted after "Syllabus:" / "教学大纲："
    m = /(?:Syllabus:|教学大纲：)\n([\s\S]*)$/.exec(firstUser);
    if (m && (firstUser.startsWith('Extract the class sessions') || firstUser.startsWith('请按顺序提取'))) {
      const syllabus = m[1];
      if (opts.proseSessions?.some((p) => p.match.test(syllabus) && (p.times === 'always' || !isRetry))) {
        return 'Sure! The syllabus has several sessions, each with important concepts. I hope this helps.';
      }
      const sessions = [...syllabus.matchAll(/(?:Session \d+|第\d+课时)[:：] ?(.+)\n(?:Key concepts|关键概念)[:：] ?(.+)/g)].map(([, title, concepts]) => ({ title, concepts: concepts.split(/, |、/) }));
      return `Here are the sessions:\n${JSON.stringify(sessions)}`;
    }
    // homework question
    m = /(?:testing these key concepts(?: together)?|tests these key concepts|考查以下关键概念)[:：] ?(.+?)(?:\. The question|。题目)/.exec(user);
    if (m) return user.includes('作业题') ? `作业题：请说明${m[1]}之间的关系。` : `Homework: explain how ${m[1]} relate to each other.`;
    // answer: the question itself is the user message, under the teacher system prompt
    if (system.includes('teacher') || system.includes('老师')) return user.startsWith('作业题') ? `解答：${user.slice(4, 60)}……逐步推理如下。` : `Answer: step by step, ${user.slice(0, 60)}`;
    return `unrecognised prompt: ${user.slice(0, 80)}`;
  };
}
