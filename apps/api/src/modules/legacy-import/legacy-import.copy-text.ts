import { copyLine } from '../../db/bulk-copy.ts';

/**
 * COPY text of one table's rows in ~1 MB chunks, encoded as the rows are added: the importer
 * prepares a batch this way while the database is still writing the previous one, so the write
 * itself only streams.
 */
export class CopyText {
  private readonly chunks: string[] = [];
  private chunk = '';
  private count = 0;

  add(values: readonly unknown[]): void {
    this.chunk += copyLine(values);
    this.count += 1;
    if (this.chunk.length > 1_000_000) {
      this.chunks.push(this.chunk);
      this.chunk = '';
    }
  }

  get rows(): number {
    return this.count;
  }

  /** The chunks (call once all rows are added). */
  text(): string[] {
    if (this.chunk.length > 0) {
      this.chunks.push(this.chunk);
      this.chunk = '';
    }
    return this.chunks;
  }
}
