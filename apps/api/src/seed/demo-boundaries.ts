import type { BoundaryCollection, BoundaryFeature } from '@motcua/domain';
import { COMMUNES, communeCode, communeTitle, type DemoCommune } from './demo-organisation.ts';

/**
 * A small, ILLUSTRATIVE geometry for the demo communes of the enforcement map (the real
 * boundaries come from the province's own GeoJSON). Each commune gets the Voronoi cell of a fixed
 * point near its real place in Thanh Hóa, cut to a rough outline of the province: the cells tile
 * the outline without overlapping, the city wards come out small and the mountain communes large.
 * Pure and deterministic: the same collection every time.
 */

type Point = readonly [number, number];

/** Longitude, latitude (degrees) of each demo commune, by its index in `COMMUNES`. */
const SITES: Readonly<Record<number, Point>> = {
  1: [105.78, 19.8], // Hạc Thành
  2: [105.76, 19.86], // Hàm Rồng
  3: [105.85, 19.81], // Quảng Phú
  4: [105.7, 19.78], // Đông Sơn
  5: [105.9, 19.74], // Sầm Sơn
  6: [105.86, 20.09], // Bỉm Sơn
  7: [105.79, 19.37], // Nghi Sơn
  8: [105.72, 19.47], // Tĩnh Gia
  9: [105.88, 19.9], // Hoằng Hóa
  10: [105.92, 19.99], // Hậu Lộc
  11: [106.0, 20.05], // Nga Sơn
  12: [105.8, 20.02], // Hà Trung
  13: [105.5, 19.92], // Thọ Xuân
  14: [105.6, 19.8], // Triệu Sơn
  15: [105.63, 20.0], // Yên Định
  16: [105.7, 19.91], // Thiệu Hóa
  17: [105.67, 19.6], // Nông Cống
  18: [105.37, 20.07], // Ngọc Lặc
  19: [105.47, 20.22], // Cẩm Thủy
  20: [105.24, 20.35], // Bá Thước
};

/** A convex outline around the sites, counter-clockwise (longitude east, latitude north). */
const OUTLINE: readonly Point[] = [
  [105.55, 19.3],
  [105.88, 19.3],
  [106.02, 19.7],
  [106.1, 20.12],
  [105.9, 20.22],
  [105.45, 20.4],
  [105.12, 20.45],
  [105.12, 20.1],
  [105.35, 19.7],
];

/** The part of a convex polygon on the side of the line where `a·p ≤ b` (Sutherland–Hodgman). */
function clipHalfPlane(polygon: readonly Point[], a: Point, b: number): Point[] {
  const out: Point[] = [];
  const side = (p: Point): number => a[0] * p[0] + a[1] * p[1] - b;
  for (let i = 0; i < polygon.length; i++) {
    const p = polygon[i];
    const q = polygon[(i + 1) % polygon.length];
    if (!p || !q) continue;
    const sp = side(p);
    const sq = side(q);
    if (sp <= 0) out.push(p);
    if ((sp < 0 && sq > 0) || (sp > 0 && sq < 0)) {
      const t = sp / (sp - sq);
      out.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
    }
  }
  return out;
}

/** The points of the outline closer to `site` than to any other site. */
function voronoiCell(site: Point, others: readonly Point[]): Point[] {
  let cell: Point[] = [...OUTLINE];
  for (const o of others) {
    // |p − site|² ≤ |p − o|²  ⇔  2(o − site)·p ≤ |o|² − |site|²
    const a: Point = [2 * (o[0] - site[0]), 2 * (o[1] - site[1])];
    const b = o[0] * o[0] + o[1] * o[1] - site[0] * site[0] - site[1] * site[1];
    cell = clipHalfPlane(cell, a, b);
  }
  return cell;
}

function round5(v: number): number {
  return Math.round(v * 1e5) / 1e5;
}

function siteOf(c: DemoCommune): Point {
  return SITES[c.index] ?? [105.6 + (c.index % 5) * 0.08, 19.5 + Math.floor(c.index / 5) * 0.15];
}

/**
 * The demo communes' boundaries as a GeoJSON FeatureCollection: one Polygon per commune, whose
 * `agencyCode` property is the commune's agency code (and `name` its name), ready for
 * `uploadBoundaries(ctx, SYSTEM_ACTOR, demoBoundaries(), 'demo', …)`.
 */
export function demoBoundaries(communes: readonly DemoCommune[] = COMMUNES): BoundaryCollection {
  const sites = communes.map(siteOf);
  const features = communes.flatMap((c, i): BoundaryFeature[] => {
    const site = sites[i];
    if (!site) return [];
    const cell = voronoiCell(
      site,
      sites.filter((_, j) => j !== i),
    );
    if (cell.length < 3) return [];
    const ring = cell.map(([lon, lat]) => [round5(lon), round5(lat)]);
    const first = ring[0];
    if (first) ring.push([...first]);
    return [
      {
        type: 'Feature',
        id: communeCode(c),
        properties: { agencyCode: communeCode(c), name: communeTitle(c) },
        geometry: { type: 'Polygon', coordinates: [ring] },
      },
    ];
  });
  return { type: 'FeatureCollection', features };
}
