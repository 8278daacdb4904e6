import { describe, expect, it } from 'vitest';
import { COMPOSITION_ROOTS, describeEdge, domainGraph, domainOf, folderCycles, importsOf, typeScriptFiles } from './import-graph';

// issue 12 item 1: training has its home in server/; nothing under server/ imports the worker shell but the
// composition roots, and training sits below evaluations (evaluations uses the trainer's process and protocol).
describe('server layers', () => {
  const serverFiles = typeScriptFiles('server');

  it('finds the server sources it checks', () => {
    expect(serverFiles.length).toBeGreaterThan(100);
    expect(serverFiles).toContain('server/training/training-runner.ts');
    expect(serverFiles).toEqual(expect.arrayContaining([...COMPOSITION_ROOTS]));
  });

  it('issue 12 item 1: no file under server/ imports from workers/ except server/app.module.ts and server/cli/main.ts', () => {
    const offending = serverFiles
      .filter((f) => !COMPOSITION_ROOTS.includes(f))
      .flatMap(importsOf)
      .filter((e) => e.target !== null && /^workers(\/|$)/.test(e.target))
      .map(describeEdge);
    expect(offending, 'server/<domain> files must not import the worker shell; take what they need from server/').toEqual([]);
  });

  it('issue 12 item 1: server/training does not import server/evaluations (evaluations uses training, not the reverse)', () => {
    const offending = serverFiles
      .filter((f) => domainOf(f) === 'server/training')
      .flatMap(importsOf)
      .filter((e) => e.target !== null && domainOf(e.target + '.ts') === 'server/evaluations')
      .map(describeEdge);
    expect(offending, 'bind evaluations to a port of server/training where the runner is wired').toEqual([]);
  });

  // Folders import each other only one way: a cycle of value imports would make load order matter (and hides which
  // layer owns what). Type-only imports are erased when compiled, so the view types may name each other
  // (common's decorators take auth's and users' types, a review's view names a distractor kind).
  it('issue 12 item 1: no folder-level cycle of value imports among the server folders', () => {
    const graph = domainGraph({ valueOnly: true });
    const explain = (group: string[]) =>
      group.map((from) => [...(graph.get(from) ?? new Map()).entries()].filter(([to]) => group.includes(to)).map(([to, e]) => `${from} → ${to} (${describeEdge(e)})`)).flat().join('; ');
    expect(graph.size).toBeGreaterThan(15);
    expect(folderCycles(graph).map(explain)).toEqual([]);
  });

  it('issue 12 item 1: the cycle check sees a cycle and tells type-only imports apart', () => {
    // the queue and the publisher once took their database URL token from server/database, whose entity registry
    // imports the domains that publish events: that closed a cycle through eight folders
    const cycle = folderCycles(
      new Map([
        ['server/a', new Map([['server/b', edge('server/a/x.ts', 'server/b/y')]])],
        ['server/b', new Map([['server/a', edge('server/b/y.ts', 'server/a/x')]])],
      ]),
    );
    expect(cycle).toEqual([['server/a', 'server/b']]);
    const reviewViews = importsOf('server/reviews/review-views.ts');
    expect(reviewViews.length).toBeGreaterThan(0);
    expect(reviewViews.every((e) => e.typeOnly)).toBe(true);
    expect(importsOf('server/queue/queue.service.ts').find((e) => e.specifier === '../config/database-url')?.typeOnly).toBe(false);
  });
});

function edge(file: string, target: string) {
  return { file, line: 1, specifier: target, target, typeOnly: false };
}
