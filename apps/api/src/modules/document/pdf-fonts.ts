import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The embedded typeface: DejaVu Serif Condensed (Bitstream Vera licence, see
 * apps/api/assets/fonts/LICENSE-DejaVu.txt). It covers every Vietnamese letter as a precomposed
 * glyph, is a serif face like the Times New Roman that Decree 30/2020 prescribes for official
 * documents, and its condensed width suits A5 forms.
 */
export const FONT_FILES = {
  regular: 'DejaVuSerifCondensed.ttf',
  bold: 'DejaVuSerifCondensed-Bold.ttf',
  italic: 'DejaVuSerifCondensed-Italic.ttf',
  boldItalic: 'DejaVuSerifCondensed-BoldItalic.ttf',
} as const;

export type FontStyle = keyof typeof FONT_FILES;

/** PostScript name of the regular face, as it appears (with a subset tag) in the PDF. */
export const FONT_POSTSCRIPT_NAME = 'DejaVuSerifCondensed';

/**
 * Candidate font directories, relative to this module:
 * - from the source tree, `apps/api/src/modules/document/` → `apps/api/assets/fonts/`;
 * - from the esbuild bundle `apps/api/dist/cli.js` → `apps/api/assets/fonts/`.
 */
function candidateFontsDirs(): string[] {
  return [
    fileURLToPath(new URL('../../../assets/fonts/', import.meta.url)),
    fileURLToPath(new URL('../assets/fonts/', import.meta.url)),
  ];
}

/** The fonts directory that exists, whether running from source or from the bundle. */
export function resolveFontsDir(): string {
  const candidates = candidateFontsDirs();
  for (const dir of candidates) {
    if (fs.existsSync(path.join(dir, FONT_FILES.regular))) return path.resolve(dir);
  }
  throw new Error(
    `Fonts for printed forms not found; looked for ${FONT_FILES.regular} in: ${candidates.join(', ')}`,
  );
}

const fontCache = new Map<string, Buffer>();

/** The bytes of one face, read once per process. */
export function loadFont(fontsDir: string, style: FontStyle): Buffer {
  const file = path.resolve(fontsDir, FONT_FILES[style]);
  const cached = fontCache.get(file);
  if (cached) return cached;
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (cause) {
    throw new Error(`Cannot read font ${file} for printed forms`, { cause });
  }
  fontCache.set(file, bytes);
  return bytes;
}
