import { useId, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { ResponseOf } from '../api/client.ts';
import { useFormat, useT, type Text } from '../app/i18n.tsx';

/**
 * The institutional enforcement map (bản đồ thực thi thể chế): the province's communes as SVG
 * paths coloured by on-time rate, with a legend, details on hover and keyboard focus, and ranked
 * tables of communes and agencies (the same numbers, readable without colour or a mouse).
 */
export type EnforcementMap = ResponseOf<'/api/statistics/map', 'get'>;
type Area = EnforcementMap['areas'][number];
type Ranked = EnforcementMap['communes'][number];

const m = {
  mapLabel: {
    vi: 'Bản đồ các xã, phường theo tỷ lệ giải quyết đúng hạn',
    en: 'Map of communes by on-time rate',
  },
  legend: { vi: 'Chú giải', en: 'Legend' },
  details: { vi: 'Chi tiết', en: 'Details' },
  hint: {
    vi: 'Di chuột hoặc dùng phím Tab để xem số liệu từng xã; nhấn Enter để mở báo cáo của xã.',
    en: 'Hover or press Tab to see each commune’s figures; press Enter to open its report.',
  },
  publicHint: {
    vi: 'Di chuột hoặc dùng phím Tab để xem số liệu từng xã, phường.',
    en: 'Hover or press Tab to see each commune’s figures.',
  },
  received: { vi: 'Tiếp nhận giải quyết', en: 'To settle' },
  settled: { vi: 'Đã giải quyết', en: 'Settled' },
  onTime: { vi: 'Trước hạn và đúng hạn', en: 'Early and on time' },
  late: { vi: 'Quá hạn', en: 'Late' },
  overdue: { vi: 'Đang quá hạn', en: 'Overdue now' },
  rate: { vi: 'Tỷ lệ đúng hạn', en: 'On-time rate' },
  rank: { vi: 'Xếp hạng', en: 'Rank' },
  communes: { vi: 'Xếp hạng xã, phường', en: 'Communes ranked' },
  agencies: { vi: 'Xếp hạng sở, ban, ngành', en: 'Agencies ranked' },
  name: { vi: 'Đơn vị', en: 'Unit' },
  noShape: {
    vi: 'Chưa có ranh giới trên bản đồ (chỉ có trong bảng): {names}',
    en: 'No boundary on the map (table only): {names}',
  },
  noBoundaries: {
    vi: 'Chưa có tệp ranh giới xã, phường: quản trị viên tải tệp GeoJSON của tỉnh lên để vẽ bản đồ. Số liệu vẫn có trong bảng dưới đây.',
    en: 'No commune boundaries yet: an administrator uploads the province’s GeoJSON to draw the map. The figures are in the tables below.',
  },
} satisfies Record<string, Text>;

function rateText(rate: number | null, number: (n: number) => string): string {
  return rate === null ? '—' : `${number(Math.round(rate * 10) / 10)}%`;
}

function colourOf(classes: EnforcementMap['classes'], code: string): string {
  return classes.find((c) => c.code === code)?.colour ?? '#e5e5e5';
}

function Details({ area, map }: { area: Area | Ranked; map: EnforcementMap }) {
  const t = useT();
  const f = useFormat();
  const c = area.counts;
  const cls = map.classes.find((x) => x.code === area.rateClass);
  return (
    <>
      <p className="map-details-name">
        <strong>{area.unit.name}</strong>
      </p>
      <dl className="facts compact">
        <div>
          <dt>{t(m.rate)}</dt>
          <dd>
            {rateText(area.onTimeRate, f.number)}
            {cls ? ` (${t(cls)})` : ''}
          </dd>
        </div>
        <div>
          <dt>{t(m.received)}</dt>
          <dd>{f.number(c.receivedTotal)}</dd>
        </div>
        <div>
          <dt>{t(m.settled)}</dt>
          <dd>{f.number(c.settledTotal)}</dd>
        </div>
        <div>
          <dt>{t(m.onTime)}</dt>
          <dd>{f.number(c.settledEarly + c.settledOnTime)}</dd>
        </div>
        <div>
          <dt>{t(m.late)}</dt>
          <dd>{f.number(c.settledLate)}</dd>
        </div>
        <div>
          <dt>{t(m.overdue)}</dt>
          <dd>{f.number(c.inProgressOverdue)}</dd>
        </div>
      </dl>
    </>
  );
}

function RankTable({
  title,
  rows,
  classes,
  linkOf,
}: {
  title: string;
  rows: readonly Ranked[];
  classes: EnforcementMap['classes'];
  linkOf?: ((unitId: string) => string) | undefined;
}) {
  const t = useT();
  const f = useFormat();
  const id = useId();
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <div className="table-scroll" tabIndex={0} role="region" aria-labelledby={id}>
        <table className="data-table rank-table">
          <thead>
            <tr>
              <th scope="col">{t(m.rank)}</th>
              <th scope="col">{t(m.name)}</th>
              <th scope="col" className="num">
                {t(m.received)}
              </th>
              <th scope="col" className="num">
                {t(m.settled)}
              </th>
              <th scope="col" className="num">
                {t(m.late)}
              </th>
              <th scope="col" className="num">
                {t(m.overdue)}
              </th>
              <th scope="col" className="num">
                {t(m.rate)}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.unit.id}>
                <td>{r.rank ?? '—'}</td>
                <th scope="row">
                  <span
                    className="swatch"
                    style={{ background: colourOf(classes, r.rateClass) }}
                    aria-hidden="true"
                  />
                  {linkOf ? <Link to={linkOf(r.unit.id)}>{r.unit.name}</Link> : r.unit.name}
                </th>
                <td className="num">{f.number(r.counts.receivedTotal)}</td>
                <td className="num">{f.number(r.counts.settledTotal)}</td>
                <td className="num">{f.number(r.counts.settledLate)}</td>
                <td className="num">{f.number(r.counts.inProgressOverdue)}</td>
                <td className="num">{rateText(r.onTimeRate, f.number)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The map, its legend and details panel, and the ranked tables. */
export function MapView({
  map,
  linkOf,
}: {
  map: EnforcementMap;
  /** Where a commune or agency leads (its report); absent on the public page. */
  linkOf?: ((unitId: string) => string) | undefined;
}) {
  const t = useT();
  const navigate = useNavigate();
  const [selected, setSelected] = useState<Area | null>(null);
  const legendId = useId();
  const hasShapes = map.areas.length > 0;
  return (
    <>
      {hasShapes ? (
        <div className="map-layout">
          <figure className="card map-figure">
            <svg
              className="enforcement-map"
              viewBox={`0 0 ${map.width} ${map.height}`}
              role="group"
              aria-label={t(m.mapLabel)}
              aria-describedby={legendId}
            >
              {map.areas.map((a) => {
                const label = `${a.unit.name}: ${t(m.rate)} ${rateText(a.onTimeRate, (n) => n.toLocaleString('vi-VN'))}`;
                const shape = (
                  <path
                    d={a.path}
                    fill={colourOf(map.classes, a.rateClass)}
                    className={`map-area${selected?.unit.id === a.unit.id ? ' is-selected' : ''}`}
                  />
                );
                return linkOf ? (
                  <a
                    key={a.unit.id}
                    href={linkOf(a.unit.id)}
                    onClick={(e) => {
                      e.preventDefault();
                      void navigate(linkOf(a.unit.id));
                    }}
                    aria-label={label}
                    data-unit={a.unit.agencyCode}
                    onMouseEnter={() => setSelected(a)}
                    onFocus={() => setSelected(a)}
                  >
                    <title>{label}</title>
                    {shape}
                  </a>
                ) : (
                  <g
                    key={a.unit.id}
                    tabIndex={0}
                    role="img"
                    aria-label={label}
                    data-unit={a.unit.agencyCode}
                    onMouseEnter={() => setSelected(a)}
                    onFocus={() => setSelected(a)}
                  >
                    <title>{label}</title>
                    {shape}
                  </g>
                );
              })}
            </svg>
            <figcaption>{t(linkOf ? m.hint : m.publicHint)}</figcaption>
          </figure>
          <div className="map-side">
            <section className="card" aria-labelledby={`${legendId}-h`}>
              <h2 id={`${legendId}-h`}>{t(m.legend)}</h2>
              <ul className="map-legend" id={legendId}>
                {map.classes.map((c) => (
                  <li key={c.code}>
                    <span className="swatch" style={{ background: c.colour }} aria-hidden="true" />
                    {t(c)}
                  </li>
                ))}
              </ul>
            </section>
            <section className="card map-details" aria-live="polite" aria-label={t(m.details)}>
              {selected ? <Details area={selected} map={map} /> : <p>{t(linkOf ? m.hint : m.publicHint)}</p>}
            </section>
          </div>
        </div>
      ) : (
        <p className="alert alert-info">{t(m.noBoundaries)}</p>
      )}
      {map.missingAreas.length > 0 && hasShapes ? (
        <p className="hint">{t(m.noShape, { names: map.missingAreas.map((a) => a.unit.name).join(', ') })}</p>
      ) : null}
      <div className="map-tables">
        <RankTable title={t(m.communes)} rows={map.communes} classes={map.classes} linkOf={linkOf} />
        {map.agencies.length > 0 ? (
          <RankTable title={t(m.agencies)} rows={map.agencies} classes={map.classes} linkOf={linkOf} />
        ) : null}
      </div>
    </>
  );
}
