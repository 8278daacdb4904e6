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

  // The present code has folder cycles of its own (server/database's entity registry and the folders whose entities it
  // lists, server/common ↔ server/users): listed in the closing note, not asserted away here. The folders the
  // restructuring made are in none.
  it('issue 12 item 1: server/training, server/sql and server/realtime are in no folder-level import cycle', () => {
    const graph = domainGraph();
    const cycles = folderCycles(graph);
    const explain = (group: string[]) =>
      group.map((from) => [...(graph.get(from) ?? new Map()).entries()].filter(([to]) => group.includes(to)).map(([to, e]) => `${from} → ${to} (${describeEdge(e)})`)).flat().join('; ');
    const offending = cycles.filter((g) => g.some((d) => ['server/training', 'server/sql', 'server/realtime'].includes(d))).map(explain);
    expect(offending).toEqual([]);
  });
});
