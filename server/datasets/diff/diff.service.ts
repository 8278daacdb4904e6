import { BadRequestException, ConflictException, Injectable } from '@nestjs/common';
import { diffChars, diffLines, type ChangeObject } from 'diff';
import type { VersionDiffView } from '../dataset-views';
import type { SnapshotContent } from '../freeze/item-snapshot';
import { VersionsService } from '../versions.service';
import { DIFF_KINDS, DiffKind, DiffRepository } from './diff.repository';

/** Character diffs past this many milliseconds fall back to a line diff (long items, many edits). */
const CHAR_DIFF_TIMEOUT_MS = 100;

/** A readable rendering of frozen content for text diffs: one block per message, then answer fields. */
export function renderSnapshot(c: SnapshotContent): string {
  const parts = c.messages.map((m) => `[${m.role}]\n${m.content}`);
  if (c.gold !== null) parts.push(`[gold]\n${c.gold}`);
  if (c.choices?.length) parts.push(`[choices]\n${c.choices.join('\n')}`);
  if (c.distractors) parts.push(`[distractors]\nfine: ${c.distractors.fine}\ncoarse: ${c.distractors.coarse}`);
  return parts.join('\n\n') + '\n';
}

function textDiff(before: string, after: string): Array<Pick<ChangeObject<string>, 'value' | 'added' | 'removed'>> {
  const changes = diffChars(before, after, { timeout: CHAR_DIFF_TIMEOUT_MS }) ?? diffLines(before, after);
  return changes.map((c) => ({ value: c.value, added: c.added, removed: c.removed }));
}

@Injectable()
export class DiffService {
  constructor(
    private readonly repo: DiffRepository,
    private readonly versions: VersionsService,
  ) {}

  /** What changed from version `a` to `b`: per-ability counts, and one page of one kind of change. */
  async diff(a: number, b: number, kind: string | undefined, offset: number, limit: number): Promise<VersionDiffView> {
    const kindOf = (kind ?? 'changed') as DiffKind;
    if (!DIFF_KINDS.includes(kindOf)) throw new BadRequestException(`kind: expected one of ${DIFF_KINDS.join(', ')}`);
    const [va, vb] = await Promise.all([this.versions.get(a), this.versions.get(b)]);
    for (const v of [va, vb]) if (v.status !== 'frozen') throw new ConflictException(`Version "${v.name}" is ${v.status}; only frozen versions can be compared`);
    const summary = await this.repo.summary(a, b);
    const sum = (k: 'added' | 'removed' | 'changed' | 'movedIn') => summary.byAbility.reduce((n, r) => n + r[k], 0);
    const page = await this.repo.page(a, b, kindOf, offset, limit);
    const contents = kindOf === 'changed' ? await this.repo.snapshots(page.rows.flatMap((r) => [r.hashA!, r.hashB!])) : new Map();
    return {
      a: { id: va.id, name: va.name, itemCount: va.itemCount, counts: va.counts },
      b: { id: vb.id, name: vb.name, itemCount: vb.itemCount, counts: vb.counts },
      summary: {
        added: sum('added'),
        removed: sum('removed'),
        changed: sum('changed'),
        moved: sum('movedIn'),
        unchanged: summary.unchanged,
        splitChanged: summary.splitChanged,
        byAbility: summary.byAbility,
      },
      list: {
        kind: kindOf,
        offset,
        total: page.total,
        rows: page.rows.map((r) =>
          kindOf === 'changed'
            ? { ...r, textDiff: textDiff(renderSnapshot(contents.get(r.hashA!)), renderSnapshot(contents.get(r.hashB!))) }
            : r,
        ),
      },
    };
  }
}
