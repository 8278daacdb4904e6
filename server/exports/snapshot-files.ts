import type { CopiedRow } from './copy-rows';
import type { FileKind } from './export-plan';
import { VersionItemsRepository, type SegmentRef } from './version-items.repository';
import type { FileSink } from './writers/file-sink';
import { LineBuffer } from './writers/line-render';
import { HfRowReader } from './writers/hf-rows';
import { ParquetRows } from './writers/parquet-file';
import type { LineKind } from './writers/record-sql';

/** A page of one segment's snapshots (jsonb text), as VersionItemsRepository.snapshots reads them. */
export interface SnapshotPage {
  seg: SegmentRef;
  rows: CopiedRow[];
}

/** One data file being written from pages of snapshots; `finish` returns its row count. */
export interface SnapshotFile {
  add(page: SnapshotPage): Promise<void>;
  finish(): Promise<number>;
  /** Stops a file that will not be finished (its sink is aborted by the caller). */
  abort?(): void;
}

const LINE_KIND: Record<Exclude<FileKind, 'hf-parquet'>, LineKind> = { doit: 'doit', 'hf-jsonl': 'hf', openai: 'openai' };

/** The writer of a file of `kind` into `sink`: JSON lines (line-render.ts) or Parquet rows (hf-rows.ts). */
export function snapshotFile(kind: FileKind, sink: FileSink, items: VersionItemsRepository, versionId: number): SnapshotFile {
  if (kind === 'hf-parquet') {
    const parquet = new ParquetRows(sink);
    return {
      add: (page) => {
        const reader = new HfRowReader(page.seg.ability);
        return parquet.add(page.rows.map((r) => reader.row(r.value, 1, r.value.length, r.id)));
      },
      finish: () => parquet.finish(),
    };
  }
  const out = new LineBuffer();
  let rows = 0;
  return {
    add: async (page) => {
      await sink.write(await items.renderLines(versionId, page.seg, LINE_KIND[kind], page.rows, out));
      rows += page.rows.length;
    },
    finish: async () => rows,
  };
}
