import { useId } from 'react';
import { useFormat, useT, type Text } from '../app/i18n.tsx';

export interface TrendPoint {
  from: string;
  to: string;
  settled: number;
  onTime: number;
  onTimeRate: number | null;
  received: number;
}

const m = {
  table: { vi: 'Bảng số liệu', en: 'Data table' },
  period: { vi: 'Kỳ', en: 'Period' },
  received: { vi: 'Tiếp nhận', en: 'Received' },
  settled: { vi: 'Đã giải quyết', en: 'Settled' },
  onTime: { vi: 'Đúng hạn', en: 'On time' },
  rate: { vi: 'Tỷ lệ đúng hạn', en: 'On-time rate' },
  empty: { vi: 'Chưa có số liệu.', en: 'No data yet.' },
} satisfies Record<string, Text>;

function shortDate(iso: string): string {
  const [y, mo, d] = iso.split('-');
  return `${d}/${mo}/${(y ?? '').slice(2)}`;
}

/**
 * On-time rate per week or month as bars (SVG, no chart library), with the numbers in a table
 * below for screen readers and for reading exact values.
 */
export function TrendChart({ title, points }: { title: string; points: readonly TrendPoint[] }) {
  const t = useT();
  const f = useFormat();
  const id = useId();
  if (points.length === 0) return <p>{t(m.empty)}</p>;
  const w = 640;
  const h = 180;
  const pad = { left: 34, right: 8, top: 10, bottom: 22 };
  const bw = (w - pad.left - pad.right) / points.length;
  const y = (rate: number) => pad.top + (h - pad.top - pad.bottom) * (1 - rate / 100);
  const rate = (p: TrendPoint) =>
    p.onTimeRate === null ? '—' : `${f.number(Math.round(p.onTimeRate * 10) / 10)}%`;
  const every = Math.max(1, Math.ceil(points.length / 8));
  return (
    <figure className="trend">
      <svg viewBox={`0 0 ${w} ${h}`} role="img" aria-labelledby={id}>
        <title id={id}>{title}</title>
        {[0, 50, 80, 100].map((v) => (
          <g key={v}>
            <line x1={pad.left} x2={w - pad.right} y1={y(v)} y2={y(v)} className="trend-grid" />
            <text x={pad.left - 4} y={y(v) + 3} textAnchor="end" className="trend-axis">
              {v}%
            </text>
          </g>
        ))}
        {points.map((p, i) => {
          const x = pad.left + i * bw;
          const r = p.onTimeRate ?? 0;
          return (
            <g key={p.from}>
              {p.onTimeRate !== null ? (
                <rect x={x + bw * 0.15} width={bw * 0.7} y={y(r)} height={y(0) - y(r)} className="trend-bar">
                  <title>{`${shortDate(p.from)}–${shortDate(p.to)}: ${rate(p)}`}</title>
                </rect>
              ) : null}
              {i % every === 0 ? (
                <text x={x + bw / 2} y={h - 6} textAnchor="middle" className="trend-axis">
                  {shortDate(p.from)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <details>
        <summary>{t(m.table)}</summary>
        <div className="table-scroll" tabIndex={0} role="region" aria-label={`${title} · ${t(m.table)}`}>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t(m.period)}</th>
                <th scope="col" className="num">
                  {t(m.received)}
                </th>
                <th scope="col" className="num">
                  {t(m.settled)}
                </th>
                <th scope="col" className="num">
                  {t(m.onTime)}
                </th>
                <th scope="col" className="num">
                  {t(m.rate)}
                </th>
              </tr>
            </thead>
            <tbody>
              {points.map((p) => (
                <tr key={p.from}>
                  <th scope="row">
                    {shortDate(p.from)}–{shortDate(p.to)}
                  </th>
                  <td className="num">{f.number(p.received)}</td>
                  <td className="num">{f.number(p.settled)}</td>
                  <td className="num">{f.number(p.onTime)}</td>
                  <td className="num">{rate(p)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
