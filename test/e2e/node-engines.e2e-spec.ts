import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

/**
 * The Node versions Pace admits (package.json `engines`) against what its installed dependencies admit (each one's own
 * `engines.node`, as package-lock.json records it) and the Node 24 that scripts/setup.sh installs for the smoke test.
 * No database: it reads the project's files.
 */
const ROOT = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const lock: { packages: Record<string, { version?: string; engines?: { node?: string } | string[] }> } = JSON.parse(
  readFileSync(join(ROOT, 'package-lock.json'), 'utf8'),
);
const node24 = /^NODE24_VERSION=(\S+)$/m.exec(readFileSync(join(ROOT, 'scripts/setup.sh'), 'utf8'))?.[1];

/** Dependencies that refuse Node 20 by their engines, and why Pace still runs there. Anything new here is a decision. */
const REFUSE_NODE_20: Record<string, string> = {
  // @nestjs/common imports it lazily, only in its FileTypeValidator, which Pace does not use.
  'file-type': 'imported only by @nestjs/common FileTypeValidator (unused)',
};

/** The lowest version of a Node major line that a range admits, or null. */
function floorOn(range: string, major: number): string | null {
  const floors = new semver.Range(range).set
    .map((comparators) => semver.minVersion(`${comparators.map((c) => c.value).join(' ')} >=${major}.0.0 <${major + 1}.0.0-0`))
    .filter((v): v is semver.SemVer => v !== null && v.major === major);
  return floors.length ? semver.sort(floors)[0].version : null;
}

const dependencies = Object.entries(lock.packages)
  .filter(([path, p]) => path && p.engines && !Array.isArray(p.engines) && p.engines.node)
  .map(([path, p]) => ({ name: path.replace(/^.*node_modules\//, ''), version: p.version, range: (p.engines as { node: string }).node }));

describe('Node versions', () => {
  const range: string = pkg.engines.node;

  it('issue 12 item 3: engines admits Node 20.19+, 22 and 24 (main: ">=20.19 <23" refused 24), and nothing before 20.19', () => {
    expect(floorOn(range, 20)).toBe('20.19.0');
    expect(floorOn(range, 22)).not.toBeNull();
    expect(floorOn(range, 24)).not.toBeNull();
    expect(semver.satisfies('20.18.3', range)).toBe(false);
    expect(floorOn(range, 18)).toBeNull();
  });

  it("issue 12 item 3: the Node 24 that setup.sh installs for the smoke test is one engines admits", () => {
    expect(node24, 'scripts/setup.sh pins NODE24_VERSION=24.x.y').toMatch(/^24\.\d+\.\d+$/);
    expect(semver.satisfies(node24!, range), `NODE24_VERSION=${node24} vs engines ${range}`).toBe(true);
  });

  it('issue 12 item 3: every installed dependency admits the lowest 22 and 24 that engines admits (a floor raised by an upgrade fails here)', () => {
    expect(dependencies.length).toBeGreaterThan(100);
    const floors = [floorOn(range, 22)!, floorOn(range, 24)!, node24!];
    const refusing = dependencies.flatMap((d) => floors.filter((v) => !semver.satisfies(v, d.range)).map((v) => `${d.name}@${d.version} (engines ${d.range}) refuses ${v}`));
    expect(refusing).toEqual([]);
  });

  // A guard rather than a fix (main passes it too): a dependency upgrade that drops Node 20 shows up here.
  it('issue 12 item 3: on Node 20.19, only the dependencies listed with a reason refuse it', () => {
    const refusing = dependencies.filter((d) => !semver.satisfies('20.19.0', d.range) && !(d.name in REFUSE_NODE_20));
    expect(refusing.map((d) => `${d.name}@${d.version} (engines ${d.range})`)).toEqual([]);
  });
});
