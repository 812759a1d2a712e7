import fs from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

/**
 * Readers of legacy dossier files: CSV (RFC 4180: comma or semicolon, quoted fields, a header row,
 * UTF-8 with or without BOM), a JSON array (or `{ "dossiers": [...] }`), or JSON Lines. Each yields
 * records with their line number (CSV/JSON Lines) or position (JSON array), streaming where the
 * format allows.
 */
export interface SourceRecord {
  line: number;
  record: Record<string, unknown>;
}

export type LegacyFormat = 'csv' | 'json' | 'jsonl';

export function formatOf(file: string, explicit?: string): LegacyFormat {
  const f = (explicit ?? file.split('.').pop() ?? '').toLowerCase();
  if (f === 'csv' || f === 'txt') return 'csv';
  if (f === 'json') return 'json';
  if (f === 'jsonl' || f === 'ndjson') return 'jsonl';
  throw new Error(`Unknown file format "${f}": use .csv, .json or .jsonl (or --format)`);
}

/** Splits CSV text into rows of fields; keeps state across chunks. */
export class CsvParser {
  readonly #delimiter: string;
  #field = '';
  #row: string[] = [];
  #isQuoted = false;
  #quotePending = false;
  #isFieldStart = true;
  #line = 1;
  #rowLine = 1;

  constructor(delimiter = ',') {
    this.#delimiter = delimiter;
  }

  /** Feeds a chunk; returns the complete rows with the line they start on. */
  push(chunk: string): { line: number; fields: string[] }[] {
    const out: { line: number; fields: string[] }[] = [];
    const d = this.#delimiter;
    let start = 0;
    let i = 0;
    if (this.#quotePending && chunk.length > 0) {
      // The previous chunk ended on a quote inside a quoted field: "" is a quote, else the end.
      this.#quotePending = false;
      if (chunk[0] === '"') {
        this.#field += '"';
        i = 1;
        start = 1;
      } else this.#isQuoted = false;
    }
    for (; i < chunk.length; i++) {
      const c = chunk[i];
      if (this.#isQuoted) {
        if (c === '"') {
          this.#field += chunk.slice(start, i);
          if (i + 1 >= chunk.length) {
            this.#quotePending = true;
            start = i + 1;
          } else if (chunk[i + 1] === '"') {
            this.#field += '"';
            i += 1;
            start = i + 1;
          } else {
            this.#isQuoted = false;
            start = i + 1;
          }
        } else if (c === '\n') this.#line += 1;
        continue;
      }
      if (c === '"' && this.#isFieldStart) {
        this.#isQuoted = true;
        this.#isFieldStart = false;
        start = i + 1;
      } else if (c === d) {
        this.#row.push(this.#field + chunk.slice(start, i));
        this.#field = '';
        this.#isFieldStart = true;
        start = i + 1;
      } else if (c === '\n') {
        let end = i;
        if (end > start && chunk[end - 1] === '\r') end -= 1;
        const tail = chunk.slice(start, end);
        this.#row.push((this.#field + tail).replace(/\r$/, ''));
        this.#field = '';
        this.#isFieldStart = true;
        start = i + 1;
        out.push({ line: this.#rowLine, fields: this.#row });
        this.#row = [];
        this.#line += 1;
        this.#rowLine = this.#line;
      } else {
        this.#isFieldStart = false;
      }
    }
    if (start < chunk.length) this.#field += chunk.slice(start);
    return out;
  }

  /** The last row if the text did not end with a newline. */
  end(): { line: number; fields: string[] }[] {
    if (this.#isQuoted && !this.#quotePending)
      throw new Error(`CSV: unterminated quoted field (line ${this.#rowLine})`);
    if (this.#field.length === 0 && this.#row.length === 0) return [];
    this.#row.push(this.#field.replace(/\r$/, ''));
    const row = { line: this.#rowLine, fields: this.#row };
    this.#row = [];
    this.#field = '';
    return [row];
  }
}

async function* csvRecords(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<SourceRecord> {
  const decoder = new StringDecoder('utf8');
  let parser: CsvParser | undefined;
  let header: string[] | undefined;
  let pending = '';
  function* toRecords(rows: { line: number; fields: string[] }[]): Generator<SourceRecord> {
    for (const row of rows) {
      if (!header) {
        header = row.fields.map((h) => h.trim().toLowerCase());
        continue;
      }
      if (row.fields.length === 1 && row.fields[0] === '') continue; // blank line
      const record: Record<string, unknown> = {};
      for (let i = 0; i < header.length; i++) record[header[i] as string] = row.fields[i];
      if (row.fields.length !== header.length)
        record['__fieldCount'] = `${row.fields.length} fields, the header has ${header.length}`;
      yield { line: row.line, record };
    }
  }
  for await (const chunk of chunks) {
    let text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (!parser) {
      pending += text;
      const newline = pending.indexOf('\n');
      if (newline < 0) continue;
      if (pending.charCodeAt(0) === 0xfeff) pending = pending.slice(1);
      const first = pending.slice(0, pending.indexOf('\n'));
      parser = new CsvParser(first.split(';').length > first.split(',').length ? ';' : ',');
      text = pending;
      pending = '';
    }
    yield* toRecords(parser.push(text));
  }
  if (!parser) {
    if (pending.charCodeAt(0) === 0xfeff) pending = pending.slice(1);
    parser = new CsvParser(pending.split(';').length > pending.split(',').length ? ';' : ',');
    yield* toRecords(parser.push(pending));
  }
  yield* toRecords(parser.push(decoder.end()));
  yield* toRecords(parser.end());
}

async function* jsonLinesRecords(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<SourceRecord> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let line = 0;
  const parse = (text: string): SourceRecord | undefined => {
    line += 1;
    const t = text.trim();
    if (t === '') return undefined;
    try {
      const value: unknown = JSON.parse(t);
      return {
        line,
        record:
          value && typeof value === 'object' && !Array.isArray(value)
            ? (value as Record<string, unknown>)
            : { __invalid: 'not a JSON object' },
      };
    } catch (error) {
      return { line, record: { __invalid: `not valid JSON: ${(error as Error).message}` } };
    }
  };
  for await (const chunk of chunks) {
    rest += typeof chunk === 'string' ? chunk : decoder.write(chunk);
    const lines = rest.split('\n');
    rest = lines.pop() ?? '';
    for (const l of lines) {
      const r = parse(l);
      if (r) yield r;
    }
  }
  rest += decoder.end();
  const r = parse(rest);
  if (r) yield r;
}

/** Reads a legacy file as records. A JSON array is read whole (use JSON Lines for huge files). */
export async function* readLegacyFile(file: string, format: LegacyFormat): AsyncGenerator<SourceRecord> {
  if (format === 'json') {
    const value: unknown = JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
    const list = Array.isArray(value) ? value : (value as { dossiers?: unknown } | null)?.dossiers;
    if (!Array.isArray(list))
      throw new Error(`${file}: expected a JSON array of dossiers or { "dossiers": [...] }`);
    for (let i = 0; i < list.length; i++) {
      const item: unknown = list[i];
      yield {
        line: i + 1,
        record:
          item && typeof item === 'object' && !Array.isArray(item)
            ? (item as Record<string, unknown>)
            : { __invalid: 'not a JSON object' },
      };
    }
    return;
  }
  const stream = fs.createReadStream(file, { highWaterMark: 1 << 20 });
  yield* format === 'csv' ? csvRecords(stream) : jsonLinesRecords(stream);
}

/** Records of in-memory CSV text (tests, small uploads). */
export async function* csvTextRecords(text: string): AsyncGenerator<SourceRecord> {
  yield* csvRecords(
    (async function* () {
      yield text;
    })(),
  );
}
