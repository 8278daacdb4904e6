/// <reference lib="dom" />
// Code passed to evaluate() runs in the browser.
/**
 * issue 16 item 7: in 中文 no screen shows a raw message key, an enum key (`single_choice`) or English prose from the
 * server. Every role signs in, switches to 中文 from the app bar and visits every page of its menu and the detail pages
 * its lists lead to, each with seeded data; the visible text may hold only Chinese, the seeded data, identifiers,
 * numbers and the short allow-list below.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MENUS } from '../../admin-ui/src/roles';
import type { Role } from '../../server/users/user.entity';
import { seedGenerationRun, seedPairs, pairTags } from '../factories/synthesis';
import { seedGrowthGrid } from '../utils/growth-runs';
import { insertTaxonomy } from '../utils/synthesis';
import { startBrowserApp, type BrowserApp } from './harness';

/** Latin words a Chinese screen may show: product and format names, units, and what stays English in Chinese text. */
const ALLOWED_WORDS = new Set(
  [
    'Pace', 'ONNX', 'JSONL', 'JSON', 'CSV', 'Parquet', 'GLAN', 'DoIT', 'LaTeX', 'KaTeX', 'Markdown', 'API', 'URL', 'ID',
    'LLM', 'GPU', 'CPU', 'PPL', 'IFEval', 'CMMLU', 'C-Eval', 'CEval', 'MMLU', 'SHA', 'SHA-256', 'BLEU', 'ROUGE', 'Cohen',
    'Fleiss', 'Krippendorff', 'Gwet', 'AC1', 'Wilson', 'CI', 'torch', 'vLLM', 'ms', 's', 'h', 'min', 'MB', 'GB', 'KB',
    'B', 'M', 'K', 'k', 'n', 'x', 'N', 'AM', 'PM', 'USD', 'token', 'tokens', 'epoch', 'lr', 'loss', 'seed', 'top-p',
    'OpenAI', 'English', 'Email', 'MIT', 'CC', 'BY', 'NC', 'SA', 'AGIEval', 'PNG', 'SVG', 'Hugging', 'Face', 'JSON Lines', 'Lines',
  ].map((w) => w.toLowerCase()),
);

const INSTRUCTION = '请简述光合作用的过程。';
const ANSWER = '光合作用是绿色植物利用光能把二氧化碳和水合成有机物并释放氧气的过程。';

/** Raw keys and English left on a page, after taking out the seeded data (`data`) and identifiers. */
export function untranslated(text: string, data: readonly string[]): string[] {
  const found: string[] = [];
  // message keys: pace.versions.show.filter, ra.action.save, resources.items.name
  for (const m of text.matchAll(/\b(?:pace|ra|resources)\.[a-z_]+(?:\.[a-zA-Z_]+)+/g)) found.push(`message key: ${m[0]}`);
  let rest = text.replace(/\b(?:pace|ra|resources)\.[a-z_]+(?:\.[a-zA-Z_]+)+/g, ' ');
  for (const d of [...data].sort((a, b) => b.length - a.length)) rest = rest.split(d).join(' ');
  // enum keys: single_choice, pending_review (snake_case words with no digit are no one's name)
  for (const m of rest.matchAll(/(?<![\w@./-])[a-z]+(?:_[a-z]+)+(?![\w@./-])/g)) found.push(`enum key: ${m[0]}`);
  rest = rest
    .replace(/(?<![\w@./-])[a-z]+(?:_[a-z]+)+(?![\w@./-])/g, ' ')
    .replace(/\S+@\S+/g, ' ') // e-mail addresses
    .replace(/\b[0-9a-f]{8,}\b/g, ' ') // hashes, uuids
    .replace(/\S*\d\S*/g, ' ') // anything with a digit: names like curated-40, sizes, versions
    .replace(/\S*[/\\]\S*/g, ' '); // paths
  // English: each run of Latin words (with the spaces and punctuation between them) that is not all allow-listed
  for (const m of rest.matchAll(/[A-Za-z][A-Za-z'’-]*(?:[ ,.:;]+[A-Za-z][A-Za-z'’-]*)*/g)) {
    const words = m[0].split(/[ ,.:;]+/).filter(Boolean);
    // single letters are keyboard keys (A approve, R reject); dotted or hyphenated lower-case words are identifiers
    if (words.some((w) => w.length > 1 && !ALLOWED_WORDS.has(w.toLowerCase()) && !/^[a-z]+(?:[.-][a-z]+)+$/.test(w))) found.push(`English: ${m[0]}`);
  }
  return found;
}

/**
 * What the page shows (its text and placeholders), and what it marks `translate="no"`: identifiers shown beside their
 * names on purpose (an ability's key under its name), which count as data.
 */
async function visibleText(page: Page): Promise<{ text: string; identifiers: string[] }> {
  return page.evaluate(() => {
    const labels = [...document.querySelectorAll('input[placeholder], textarea[placeholder]')].map((e) => e.getAttribute('placeholder') ?? '');
    const identifiers = [...document.querySelectorAll<HTMLElement>('[translate="no"]')].map((e) => e.innerText.trim()).filter(Boolean);
    return { text: [document.body.innerText, ...labels].join('\n'), identifiers };
  });
}

/** Waits until the page has content and no progress indicator (react-admin's and MUI's) is left. */
async function settle(page: Page): Promise<void> {
  await page.locator('#main-content, .RaLayout-content').first().waitFor();
  await page.waitForLoadState('networkidle');
  await expect.poll(() => page.locator('.MuiLinearProgress-indeterminate, .MuiCircularProgress-indeterminate, .MuiSkeleton-root').count(), { timeout: 10_000 }).toBe(0);
}

describe('中文 complete: no raw keys or English on any screen (browser)', () => {
  let b: BrowserApp;
  /** Strings the seed put on the screens: shown as written in any language. */
  const data: string[] = [];
  const detailPages: Partial<Record<Role, string[]>> = {};
  const abilityData: string[] = [];

  beforeAll(async () => {
    b = await startBrowserApp();
    const itemIds = await b.seedItems({
      count: 2,
      sourceName: '生物题库',
      ability: 'biology',
      messages: () => [
        { role: 'user', content: INSTRUCTION },
        { role: 'assistant', content: ANSWER },
      ],
    });
    await b.seedItems({ count: 2, sourceName: '历史选择题', questionFormat: 0, status: 'accepted', split: 'train' });
    const [{ importId }] = await b.db.query(`SELECT import_id AS "importId" FROM items WHERE id = $1`, [itemIds[0]]);
    await b.db.query(`UPDATE imports SET original_name = '生物.jsonl' WHERE id = $1`, [importId]);

    const grid = await seedGrowthGrid(b.db, {
      abilities: ['history', 'biology'],
      runs: [
        { parameters: 135_000_000, source: 'curated', volume: 10, seed: 1 },
        { parameters: 135_000_000, source: 'curated', volume: 40, seed: 1 },
      ],
      score: (_a, run, epoch) => 0.3 + run.volume / 400 + epoch / 100,
    });
    await b.db.query(`UPDATE experiments SET name = '历史实验 ' || id::text WHERE id = ANY($1)`, [grid.experimentIds]);
    const [{ id: studyId }] = await b.db.query(
      `INSERT INTO studies (name, template, version_id, base_model_ids, recipes, seeds) VALUES ('增长研究', 'volume-grid', $1, $2, '{curated-10,curated-40}', '{1}') RETURNING id`,
      [grid.versionId, Object.values(grid.baseModelIds)],
    );
    for (const x of grid.experimentIds) await b.db.query(`INSERT INTO study_runs (study_id, experiment_id) VALUES ($1, $2)`, [studyId, x]);

    const runId = await seedGenerationRun(b.db, { name: '历史合成', sourceName: '合成来源' });
    await seedPairs(b.db, runId, [{ tags: pairTags({ field: '人文', subField: '历史', discipline: '中国史', subject: '秦汉', sessions: ['第一讲'], concepts: ['郡县制'] }), question: '什么是郡县制？', answer: '郡县制是秦朝推行的地方行政制度。' }]);
    const taxonomy = await insertTaxonomy(b.db, '学科分类');

    const [{ id: versionId }] = await b.db.query(
      `INSERT INTO dataset_versions (name, notes, split_config, decontamination, status, item_count, counts, content_hash, frozen_at)
       VALUES ('第一版', '冻结测试', '{"valid": 1, "test": 1, "seed": 7}', '{"ngram": 13, "evalItems": 2, "benchmarkItems": 0, "flagged": 0}', 'frozen', 4, $1, repeat('c', 64), now()) RETURNING id`,
      [JSON.stringify({ biology: { train: 1, valid: 0, test: 1, total: 2 }, history: { train: 2, valid: 0, test: 0, total: 2 } })],
    );
    const experiment = `/experiments/${grid.experimentIds[1]}`;
    const curators = [`/items/${itemIds[0]}/show`, `/imports/${importId}/show`, `/versions/${versionId}`, experiment, `/studies/${studyId}`, `/synthesis/runs/${runId}`, '/recipes/reconstruct', `/taxonomies/${taxonomy.id}/show`];
    detailPages.lead = curators;
    detailPages.researcher = curators;
    detailPages.admin = [`/synthesis/runs/${runId}`, `/taxonomies/${taxonomy.id}/show`];
    detailPages.annotator = [`/taxonomies/${taxonomy.id}/show`];

    // what the seed named, as the screens show it: people, sources, files, models, recipes, taxonomy nodes
    const names = await b.db.query(`
      SELECT name FROM users UNION SELECT name FROM sources UNION SELECT name FROM base_models UNION SELECT name FROM recipes
      UNION SELECT recipe_name FROM experiments WHERE recipe_name IS NOT NULL UNION SELECT file_path FROM imports UNION SELECT original_name FROM imports UNION SELECT adapter FROM imports`);
    const abilities = await b.db.query(`SELECT key, name_en AS "nameEn", description FROM abilities`);
    abilityData.push(...abilities.flatMap((a: { key: string; nameEn: string; description: string }) => [a.key, a.nameEn, a.description]).filter(Boolean));
    data.push(...names.map((r: { name: string }) => r.name).filter(Boolean), ...collectNames(taxonomy.tree));
  });
  afterAll(() => b?.close());

  it('finds what it looks for: keys, enum keys and English prose, but not data, identifiers or allowed names', () => {
    expect(untranslated('页面 pace.versions.show.filter 和 ra.action.save', [])).toEqual(['message key: pace.versions.show.filter', 'message key: ra.action.save']);
    expect(untranslated('答案类型 single_choice，状态 pending_review', [])).toEqual(['enum key: single_choice', 'enum key: pending_review']);
    expect(untranslated('加载失败：Could not reach the server.', [])).toEqual(['English: Could not reach the server']);
    expect(untranslated('导出为 JSONL · 模型 ONNX · curated-40 · lead-1@browser.pace · 1.3B · 12 ms · 作者 Alice Smith', ['Alice Smith'])).toEqual([]);
  });

  for (const role of ['admin', 'lead', 'annotator', 'researcher'] as const) {
    it(`${role}: every page of the menu and the detail pages, in 中文`, async () => {
      const page = await b.newPage({ viewport: { width: 1440, height: 900 } });
      await b.login(page, b.people[role]);
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('menuitem', { name: '中文' }).click();
      await page.locator('header').getByRole('button', { name: '中文' }).waitFor();

      const problems: string[] = [];
      for (const path of [...MENUS[role].map((entry) => `/${entry}`), ...(detailPages[role] ?? [])]) {
        await page.goto(path);
        await settle(page);
        const { text, identifiers } = await visibleText(page);
        // the abilities screen edits the abilities: their keys, English names and descriptions are its data
        const pageData = path === '/abilities' ? [...data, ...identifiers, ...abilityData] : [...data, ...identifiers];
        for (const p of untranslated(text, pageData)) problems.push(`${path}: ${p}`);
      }
      await b.shot(page, `${role}-last-page`);
      expect(problems).toEqual([]);
    });
  }
});

function collectNames(tree: unknown): string[] {
  if (!tree || typeof tree !== 'object') return [];
  return Object.entries(tree as Record<string, unknown>).flatMap(([k, v]) => (k === 'name' && typeof v === 'string' ? [v] : collectNames(v)));
}
