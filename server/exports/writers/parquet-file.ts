import { ByteWriter, ParquetWriter, type SchemaElement } from 'hyparquet-writer';
/** Where the encoded bytes go: a FileSink, or the thread that owns one (parquet-thread.ts). */
export interface ByteSink {
  write(bytes: Uint8Array): Promise<void>;
}
import type { HfRow } from './records';

/** Rows per row group: a group's columns are held in memory until it is encoded (~10 MB at 1 KB a row). */
export const ROW_GROUP_ROWS = 10_000;

const text = (name: string, repetition: 'REQUIRED' | 'OPTIONAL' = 'REQUIRED'): SchemaElement => ({
  name,
  type: 'BYTE_ARRAY',
  converted_type: 'UTF8',
  logical_type: { type: 'STRING' },
  repetition_type: repetition,
});

/** The Hugging Face rows' schema; `messages` is a list of {role, content} structs, as `datasets` writes it. */
export const HF_PARQUET_SCHEMA: SchemaElement[] = [
  { name: 'schema', num_children: 6 },
  { name: 'id', type: 'INT64', repetition_type: 'REQUIRED' },
  text('type'),
  { name: 'question_format', type: 'INT32', repetition_type: 'REQUIRED' },
  { name: 'messages', repetition_type: 'REQUIRED', converted_type: 'LIST', logical_type: { type: 'LIST' }, num_children: 1 },
  { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
  { name: 'element', repetition_type: 'REQUIRED', num_children: 2 },
  text('role'),
  text('content'),
  { name: 'choices', repetition_type: 'OPTIONAL', converted_type: 'LIST', logical_type: { type: 'LIST' }, num_children: 1 },
  { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
  text('element'),
  text('answer', 'OPTIONAL'),
];

/** hyparquet-writer's buffer, emptied into the sink after every row group (a copy, of its own memory: the buffer is reused). */
class SinkWriter extends ByteWriter {
  constructor(private readonly sink: ByteSink) {
    super(1 << 20);
  }

  flush(): Promise<void> {
    const bytes = new Uint8Array(this.getBytes());
    this.index = 0;
    return this.sink.write(bytes);
  }

  finish(): Promise<void> {
    return this.flush();
  }
}

/** The Hugging Face rows written as Parquet (snappy), one row group per ROW_GROUP_ROWS rows, as they are added. */
export class ParquetRows {
  private readonly writer: ParquetWriter;
  private group: HfRow[] = [];
  private rows = 0;

  constructor(sink: ByteSink) {
    this.writer = new ParquetWriter({ writer: new SinkWriter(sink), schema: HF_PARQUET_SCHEMA, createdBy: 'pace' });
  }

  async add(rows: HfRow[]): Promise<void> {
    for (const row of rows) this.group.push(row);
    this.rows += rows.length;
    if (this.group.length >= ROW_GROUP_ROWS) await this.flushGroup();
  }

  /** Writes the last row group and the footer; returns the row count. */
  async finish(): Promise<number> {
    await this.flushGroup();
    await this.writer.finish();
    return this.rows;
  }

  private async flushGroup(): Promise<void> {
    if (this.group.length === 0) return;
    const group = this.group;
    this.group = [];
    await this.writer.write({ columnData: columns(group), rowGroupSize: group.length });
  }
}

function columns(rows: HfRow[]) {
  return [
    { name: 'id', data: rows.map((r) => BigInt(r.id)) },
    { name: 'type', data: rows.map((r) => r.type) },
    { name: 'question_format', data: rows.map((r) => r.question_format) },
    { name: 'messages', data: rows.map((r) => r.messages) },
    { name: 'choices', data: rows.map((r) => r.choices) },
    { name: 'answer', data: rows.map((r) => r.answer) },
  ];
}
