import { describe, expect, it } from 'vitest';
import { checkStudyRequest, probeRecipeName } from './study-request';
import { studyProgress } from './study-view.builder';

describe(checkStudyRequest.name, () => {
  it('issue 13 item 1: fills the defaults of a custom study', () => {
    const { req, errors } = checkStudyRequest({ name: ' grid ', versionId: 3, baseModelIds: [1, 2], recipes: ['curated-10'] });
    expect(errors).toEqual([]);
    expect(req).toEqual({ name: 'grid', template: 'custom', versionId: 3, followVersions: false, baseModelIds: [1, 2], recipes: ['curated-10'], seeds: [42], hyperParams: {}, sources: null, probeItems: null });
    expect(checkStudyRequest({ name: 'p', template: 'probe', versionId: 3, baseModelIds: [1] }).req.probeItems).toBe(64);
  });

  it('issue 13 item 1: names every bad field at once', () => {
    const { errors } = checkStudyRequest({ name: '', template: 'volume-grid', baseModelIds: [1, 1, 0], recipes: ['curated-10'], seeds: [], sources: ['web' as never], probeItems: 5, hyperParams: { epochs: 0 } });
    expect(errors).toEqual([
      { field: 'name', message: 'must not be empty' },
      { field: 'versionId', message: 'give a frozen version, or followVersions: true to run on every new frozen version' },
      { field: 'baseModelIds[1]', message: '1 is listed twice' },
      { field: 'baseModelIds[2]', message: 'must be a whole number from 1 to 2147483647' },
      { field: 'seeds', message: 'name at least one seed (default [42])' },
      { field: 'recipes', message: 'the volume-grid template chooses its own recipes; leave recipes out (or use template "custom")' },
      { field: 'sources', message: 'must be a non-empty list of curated, synthetic' },
      { field: 'probeItems', message: 'only the probe template takes probeItems' },
      { field: 'hyperParams.epochs', message: 'must be at least 1' },
    ]);
    expect(checkStudyRequest({ name: 'f', followVersions: true, template: 'probe', baseModelIds: [1] }).errors.map((e) => e.field)).toEqual(['followVersions']);
  });
});

describe(probeRecipeName.name, () => {
  const hash = (s: string) => `h${s.length}hhhhhhhhhh`;
  it('issue 13 item 1: keeps a key in the recipe-name alphabet and marks one that had to change, so two keys never meet', () => {
    expect(probeRecipeName('cot_math', 64, hash)).toBe('probe-64-cot_math');
    expect(probeRecipeName('Role Play', 16, hash)).toBe('probe-16-role-play-h9hhhhhh');
    expect(probeRecipeName('role-play', 16, hash)).toBe('probe-16-role-play');
    expect(probeRecipeName('中文', 64, hash)).toMatch(/^probe-64-[a-z0-9._-]+$/);
  });
});

describe(studyProgress.name, () => {
  it('issue 13 item 1: counts runs by status (cancelling still runs) and averages their percent', () => {
    expect(studyProgress([{ status: 'completed', percent: 100 }, { status: 'cancelling', percent: 50 }, { status: 'queued', percent: 0 }, { status: 'failed', percent: 10 }])).toEqual({
      total: 4, queued: 1, running: 1, completed: 1, failed: 1, cancelled: 0, percent: 40,
    });
    expect(studyProgress([])).toEqual({ total: 0, queued: 0, running: 0, completed: 0, failed: 0, cancelled: 0, percent: 0 });
  });
});
