/** End offsets of consecutive lines, kept only until the rows ending on them have been emitted. */
export class LineOffsets {
  private ends: number[] = [];
  private first = 1;
  private head = 0;

  add(line: number, end: number): void {
    if (this.ends.length === this.head) {
      this.ends = [];
      this.head = 0;
      this.first = line;
    }
    this.ends.push(end);
  }

  /** End offset of `line`; forgets the lines before it. */
  take(line: number): number {
    const at = line - this.first;
    if (at > this.head) this.head = Math.min(at, this.ends.length);
    if (this.head > 4096) {
      this.ends.splice(0, this.head);
      this.first += this.head;
      this.head = 0;
    }
    return this.ends[line - this.first] ?? -1;
  }
}
