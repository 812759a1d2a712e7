/**
 * A small PDF reader for tests, independent of pdfkit and of poppler: it parses the objects pdfkit
 * writes, inflates Flate streams, reads each font's ToUnicode CMap and decodes the text of the
 * content streams (glyph ids → Unicode), so tests can check the Vietnamese text a reader extracts.
 */
import zlib from 'node:zlib';

export interface PdfObject {
  num: number;
  dict: string;
  stream?: Buffer;
}

export interface PdfTextFragment {
  /** BaseFont of the font the fragment is set in, e.g. "BAJJAA+DejaVuSerifCondensed-Bold". */
  font: string;
  text: string;
}

export interface PdfPageInfo {
  mediaBox: number[];
  fragments: PdfTextFragment[];
  /** All fragments joined without separators (continued runs and wrapped lines run together). */
  flat: string;
  imageCount: number;
}

export interface PdfFontInfo {
  num: number;
  baseFont: string;
  /** Glyph code → Unicode text, from the ToUnicode CMap. */
  toUnicode: Map<number, string>;
}

export interface PdfInspection {
  header: string;
  objects: Map<number, PdfObject>;
  pages: PdfPageInfo[];
  fonts: PdfFontInfo[];
  /** Text of all pages joined. */
  flat: string;
  /** Document information (Title, Author, CreationDate…), decoded. */
  info: Record<string, string>;
  /** The catalog dictionary (carries /Lang). */
  root: string;
}

export function parsePdfObjects(pdf: Buffer): Map<number, PdfObject> {
  const s = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const header = /(\d+) 0 obj\s*/g;
  for (let m = header.exec(s); m !== null; m = header.exec(s)) {
    const num = Number(m[1]);
    const start = m.index + m[0].length;
    const endobj = s.indexOf('endobj', start);
    const streamAt = s.indexOf('stream', start);
    if (endobj === -1) break;
    if (streamAt !== -1 && streamAt < endobj) {
      const dict = s.slice(start, streamAt).trim();
      const length = Number(/\/Length (\d+)/.exec(dict)?.[1] ?? NaN);
      if (!Number.isFinite(length)) throw new Error(`Object ${num}: stream without a direct /Length`);
      let dataStart = streamAt + 'stream'.length;
      if (s[dataStart] === '\r') dataStart += 1;
      if (s[dataStart] === '\n') dataStart += 1;
      const raw = pdf.subarray(dataStart, dataStart + length);
      const stream = /\/Filter \/FlateDecode/.test(dict) ? zlib.inflateSync(raw) : Buffer.from(raw);
      objects.set(num, { num, dict, stream });
      header.lastIndex = s.indexOf('endobj', dataStart + length) + 'endobj'.length;
    } else {
      objects.set(num, { num, dict: s.slice(start, endobj).trim() });
      header.lastIndex = endobj + 'endobj'.length;
    }
  }
  return objects;
}

/** Parses the bfrange/bfchar entries pdfkit writes in a ToUnicode CMap. */
export function parseToUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const toText = (hex: string): string =>
    String.fromCharCode(
      ...hex
        .trim()
        .split(/\s+/)
        .flatMap((h) => chunk4(h).map((u) => parseInt(u, 16))),
    );
  for (const m of cmap.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*\[([^\]]*)\]/g)) {
    let code = parseInt(m[1] ?? '', 16);
    for (const e of (m[3] ?? '').matchAll(/<([0-9a-fA-F\s]+)>/g)) {
      map.set(code, toText(e[1] ?? ''));
      code += 1;
    }
  }
  const bfchar = /beginbfchar([\s\S]*?)endbfchar/g;
  for (const block of cmap.matchAll(bfchar)) {
    for (const e of (block[1] ?? '').matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F\s]+)>/g)) {
      map.set(parseInt(e[1] ?? '', 16), toText(e[2] ?? ''));
    }
  }
  return map;
}

function chunk4(hex: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < hex.length; i += 4) out.push(hex.slice(i, i + 4));
  return out;
}

function ref(dict: string, key: string): number | undefined {
  const m = new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(dict);
  return m ? Number(m[1]) : undefined;
}

function subDict(dict: string, key: string): string {
  return new RegExp(`/${key}\\s*<<([\\s\\S]*?)>>`).exec(dict)?.[1] ?? '';
}

function namedRefs(dict: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of dict.matchAll(/\/([^\s/<>[\]()]+)\s+(\d+) 0 R/g)) out.set(m[1] ?? '', Number(m[2]));
  return out;
}

/** Decodes the text of a content stream with the page's fonts. */
function decodeContent(content: string, fontsByName: Map<string, PdfFontInfo>): PdfTextFragment[] {
  const fragments: PdfTextFragment[] = [];
  let font: PdfFontInfo | undefined;
  let current = '';
  const token = /\/([^\s/]+)\s+[\d.]+\s+Tf|\[([^\]]*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj|\bBT\b|\bET\b/g;
  const decodeHex = (hex: string): string =>
    chunk4(hex)
      .map((h) => font?.toUnicode.get(parseInt(h, 16)) ?? '\uFFFD')
      .join('');
  for (const m of content.matchAll(token)) {
    if (m[1] !== undefined) {
      font = fontsByName.get(m[1]);
    } else if (m[2] !== undefined) {
      for (const part of m[2].matchAll(/<([0-9a-fA-F]*)>|(-?[\d.]+)/g)) {
        if (part[1] !== undefined) current += decodeHex(part[1]);
        // A large negative offset is a word space of justified text.
        else if (Number(part[2]) < -100) current += ' ';
      }
    } else if (m[3] !== undefined) {
      current += decodeHex(m[3]);
    } else if (m[0] === 'ET') {
      if (current !== '') fragments.push({ font: font?.baseFont ?? '?', text: current });
      current = '';
    }
  }
  return fragments;
}

export function inspectPdf(pdf: Buffer): PdfInspection {
  const objects = parsePdfObjects(pdf);
  const fonts: PdfFontInfo[] = [];
  const fontByNum = new Map<number, PdfFontInfo>();
  for (const obj of objects.values()) {
    if (!/\/Type \/Font/.test(obj.dict) || !/\/Subtype \/Type0/.test(obj.dict)) continue;
    const baseFont = /\/BaseFont \/(\S+)/.exec(obj.dict)?.[1] ?? '';
    const cmapNum = ref(obj.dict, 'ToUnicode');
    const cmap = cmapNum === undefined ? undefined : objects.get(cmapNum)?.stream?.toString('latin1');
    const info: PdfFontInfo = { num: obj.num, baseFont, toUnicode: cmap ? parseToUnicode(cmap) : new Map() };
    fonts.push(info);
    fontByNum.set(obj.num, info);
  }

  const pages: PdfPageInfo[] = [];
  const pageObjects = [...objects.values()].filter((o) => /\/Type \/Page\b(?!s)/.test(o.dict));
  for (const page of pageObjects) {
    const mediaBox = (/\/MediaBox \[([^\]]*)\]/.exec(page.dict)?.[1] ?? '').trim().split(/\s+/).map(Number);
    const resNum = ref(page.dict, 'Resources');
    const resources =
      resNum === undefined ? subDict(page.dict, 'Resources') : (objects.get(resNum)?.dict ?? '');
    const fontsByName = new Map<string, PdfFontInfo>();
    for (const [name, num] of namedRefs(subDict(resources, 'Font'))) {
      const f = fontByNum.get(num);
      if (f) fontsByName.set(name, f);
    }
    const xobjects = [...namedRefs(subDict(resources, 'XObject')).values()];
    const imageCount = xobjects.filter((n) => /\/Subtype \/Image/.test(objects.get(n)?.dict ?? '')).length;
    const contentNum = ref(page.dict, 'Contents');
    const content =
      contentNum === undefined ? '' : (objects.get(contentNum)?.stream?.toString('latin1') ?? '');
    const fragments = decodeContent(content, fontsByName);
    pages.push({ mediaBox, fragments, flat: fragments.map((f) => f.text).join(''), imageCount });
  }

  const s = pdf.toString('latin1');
  const trailer = s.slice(s.lastIndexOf('trailer'));
  const infoNum = ref(trailer, 'Info');
  const rootNum = ref(trailer, 'Root');
  return {
    header: s.slice(0, 8),
    objects,
    pages,
    fonts,
    flat: pages.map((p) => p.flat).join('\n'),
    info: infoNum === undefined ? {} : readInfo(objects, objects.get(infoNum)?.dict ?? ''),
    root: rootNum === undefined ? '' : (objects.get(rootNum)?.dict ?? ''),
  };
}

/** Decodes a PDF string as pdfkit writes it: (literal, maybe UTF-16BE with a BOM) or <hex>. */
export function decodePdfString(raw: string): string {
  const t = raw.trim();
  let bytes: Buffer;
  const hex = /^<([0-9a-fA-F]*)>$/.exec(t);
  if (hex) {
    bytes = Buffer.from(hex[1] ?? '', 'hex');
  } else {
    const escapes: Record<string, string> = {
      n: '\n',
      r: '\r',
      t: '\t',
      b: '\b',
      f: '\f',
      '(': '(',
      ')': ')',
      '\\': '\\',
    };
    const body = t
      .replace(/^\(/, '')
      .replace(/\)$/, '')
      .replace(/\\([nrtbf()\\])/g, (_, ch: string) => escapes[ch] ?? ch);
    bytes = Buffer.from(body, 'latin1');
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return Buffer.from(bytes.subarray(2)).swap16().toString('utf16le');
  return bytes.toString('latin1');
}

/** The document information dictionary, with indirect values resolved and strings decoded. */
function readInfo(objects: Map<number, PdfObject>, dict: string): Record<string, string> {
  const info: Record<string, string> = {};
  for (const m of dict.matchAll(/\/(\w+)\s+(?:(\d+) 0 R|(\([^\n]*\)|<[0-9a-fA-F]*>))/g)) {
    const key = m[1] ?? '';
    const raw = m[2] !== undefined ? (objects.get(Number(m[2]))?.dict ?? '') : (m[3] ?? '');
    info[key] = decodePdfString(raw);
  }
  return info;
}
