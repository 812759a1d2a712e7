import { z } from 'zod';

/**
 * The institutional enforcement map (bản đồ thực thi thể chế): commune boundaries from a GeoJSON
 * the province supplies, projected to SVG paths (no tile server), coloured by on-time rate.
 * Pure: the server projects once, the browser only draws.
 */

const Position = z
  .array(z.number().finite())
  .min(2)
  .max(4)
  .refine((p) => Math.abs(p[0] ?? 0) <= 180 && Math.abs(p[1] ?? 0) <= 90, 'longitude, latitude in degrees');
const Ring = z.array(Position).min(4);
const PolygonCoordinates = z.array(Ring).min(1);

export const BoundaryGeometry = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: PolygonCoordinates }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(PolygonCoordinates).min(1) }),
]);
export type BoundaryGeometry = z.infer<typeof BoundaryGeometry>;

export const BoundaryFeature = z.object({
  type: z.literal('Feature'),
  id: z.union([z.string(), z.number()]).optional(),
  properties: z.record(z.string(), z.unknown()).nullable(),
  geometry: BoundaryGeometry,
});
export type BoundaryFeature = z.infer<typeof BoundaryFeature>;

export const BoundaryCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(BoundaryFeature).min(1).max(5000),
});
export type BoundaryCollection = z.infer<typeof BoundaryCollection>;

/** Property names tried, in order, for the unit's agency code and for its name. */
export const BOUNDARY_CODE_PROPERTIES = [
  'agencyCode',
  'agency_code',
  'maDinhDanh',
  'ma_dinh_danh',
  'code',
  'ma',
];
export const BOUNDARY_NAME_PROPERTIES = ['name', 'ten', 'ten_xa', 'NAME_3', 'NAME_2'];

function firstString(props: Record<string, unknown> | null, keys: readonly string[]): string | null {
  if (!props) return null;
  for (const k of keys) {
    const v = props[k];
    if (typeof v === 'string' && v.trim() !== '') return v.trim();
    if (typeof v === 'number') return String(v);
  }
  return null;
}

export function boundaryCodeOf(f: BoundaryFeature): string | null {
  return firstString(f.properties, BOUNDARY_CODE_PROPERTIES) ?? (typeof f.id === 'string' ? f.id : null);
}

export function boundaryNameOf(f: BoundaryFeature): string | null {
  return firstString(f.properties, BOUNDARY_NAME_PROPERTIES);
}

/** Name comparison that ignores case, diacritics and the "xã"/"phường"/"UBND" prefixes. */
export function normaliseUnitName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/^(uy ban nhan dan|ubnd)\s+/, '')
    .replace(/^(xa|phuong|thi tran|dac khu)\s+/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface ProjectedShape {
  /** Index of the feature in the collection. */
  index: number;
  /** SVG path data in the view box. */
  path: string;
  /** A point inside the largest ring (label, focus marker). */
  labelX: number;
  labelY: number;
}

export interface ProjectedMap {
  width: number;
  height: number;
  shapes: ProjectedShape[];
}

function polygonsOf(g: BoundaryGeometry): number[][][][] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

/**
 * Projects features to a `width`-wide view box: equirectangular around the collection's middle
 * latitude (accurate enough for one province), north up. Points closer than `tolerance` units to
 * the previous kept point are dropped so a detailed boundary file stays a light page.
 */
export function projectBoundaries(
  features: readonly BoundaryFeature[],
  options: { width?: number; padding?: number; tolerance?: number } = {},
): ProjectedMap {
  const width = options.width ?? 1000;
  const padding = options.padding ?? 8;
  const tolerance = options.tolerance ?? 0.6;
  let minLon = Infinity;
  let maxLon = -Infinity;
  let minLat = Infinity;
  let maxLat = -Infinity;
  for (const f of features) {
    for (const poly of polygonsOf(f.geometry)) {
      for (const ring of poly) {
        for (const [lon = 0, lat = 0] of ring) {
          if (lon < minLon) minLon = lon;
          if (lon > maxLon) maxLon = lon;
          if (lat < minLat) minLat = lat;
          if (lat > maxLat) maxLat = lat;
        }
      }
    }
  }
  if (!Number.isFinite(minLon)) return { width, height: width / 2, shapes: [] };
  const kx = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxLon - minLon) * kx, 1e-9);
  const spanY = Math.max(maxLat - minLat, 1e-9);
  const scale = (width - 2 * padding) / spanX;
  const height = Math.round(spanY * scale + 2 * padding);
  const px = (lon: number): number => padding + (lon - minLon) * kx * scale;
  const py = (lat: number): number => padding + (maxLat - lat) * scale;
  const r1 = (v: number): number => Math.round(v * 10) / 10;

  const shapes = features.map((f, index): ProjectedShape => {
    const parts: string[] = [];
    let best = { area: -1, x: width / 2, y: height / 2 };
    for (const poly of polygonsOf(f.geometry)) {
      poly.forEach((ring, ringIndex) => {
        const pts: [number, number][] = [];
        for (const [lon = 0, lat = 0] of ring) {
          const p: [number, number] = [px(lon), py(lat)];
          const last = pts[pts.length - 1];
          if (!last || Math.hypot(p[0] - last[0], p[1] - last[1]) >= tolerance) pts.push(p);
        }
        if (pts.length < 3) return;
        parts.push(`M${pts.map(([x, y]) => `${r1(x)},${r1(y)}`).join('L')}Z`);
        if (ringIndex === 0) {
          // Area-weighted centroid of the outer ring (shoelace).
          let a = 0;
          let cx = 0;
          let cy = 0;
          for (let i = 0; i < pts.length; i++) {
            const [x0, y0] = pts[i] ?? [0, 0];
            const [x1, y1] = pts[(i + 1) % pts.length] ?? [0, 0];
            const cross = x0 * y1 - x1 * y0;
            a += cross;
            cx += (x0 + x1) * cross;
            cy += (y0 + y1) * cross;
          }
          const area = Math.abs(a / 2);
          if (area > best.area && a !== 0) best = { area, x: cx / (3 * a), y: cy / (3 * a) };
        }
      });
    }
    return { index, path: parts.join(''), labelX: r1(best.x), labelY: r1(best.y) };
  });
  return { width, height, shapes };
}

/**
 * Colour classes of the on-time rate (ColorBrewer RdYlBu, safe for the common colour-vision
 * deficiencies; every class also has a text label, and the map comes with a table).
 */
export const ON_TIME_RATE_CLASSES = [
  { code: 'a', min: 95, colour: '#2c7bb6', vi: 'Từ 95% trở lên', en: '95% and above' },
  { code: 'b', min: 90, colour: '#abd9e9', vi: 'Từ 90% đến dưới 95%', en: '90% to under 95%' },
  { code: 'c', min: 80, colour: '#ffffbf', vi: 'Từ 80% đến dưới 90%', en: '80% to under 90%' },
  { code: 'd', min: 70, colour: '#fdae61', vi: 'Từ 70% đến dưới 80%', en: '70% to under 80%' },
  { code: 'e', min: 0, colour: '#d7191c', vi: 'Dưới 70%', en: 'Under 70%' },
] as const;
export const NO_DATA_CLASS = {
  code: 'none',
  min: null,
  colour: '#e5e5e5',
  vi: 'Chưa có hồ sơ giải quyết trong kỳ',
  en: 'No dossier settled in the period',
} as const;
export type RateClassCode = (typeof ON_TIME_RATE_CLASSES)[number]['code'] | 'none';

export function rateClassOf(rate: number | null): RateClassCode {
  if (rate === null) return 'none';
  return (ON_TIME_RATE_CLASSES.find((c) => rate >= c.min) ?? ON_TIME_RATE_CLASSES[4]).code;
}
