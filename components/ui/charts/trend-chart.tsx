'use client';

import { useLocale, useTranslations } from 'next-intl';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface TrendSeries {
  key: string;
  label: string;
  color: string;
}

/**
 * A line chart with its data also as a table for screen readers (the SVG is hidden from them).
 * Values are numbers or null; null is "no data" and leaves a gap, never a zero.
 */
export function TrendChart({
  title,
  data,
  xKey,
  xLabel,
  series,
  unit = '',
  decimals = 0,
}: {
  title: string;
  data: Record<string, string | number | null>[];
  xKey: string;
  /** The x column's heading in the data table; defaults to the translated name of `xKey`. */
  xLabel?: string;
  series: TrendSeries[];
  /** Appended to every value, e.g. ' %'. (A server component cannot pass a formatter function.) */
  unit?: string;
  decimals?: number;
}) {
  const locale = useLocale();
  const t = useTranslations('common.chartAxis');
  const xHeading = xLabel ?? (t.has(xKey) ? t(xKey) : xKey);
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: decimals });
  const fmt = (v: unknown) => (typeof v === 'number' ? `${number.format(v)}${unit}` : '—');
  return (
    <figure>
      {/* inert, not only aria-hidden: recharts makes the surface focusable, and a focusable element
          inside an aria-hidden one is announced as nothing. The table below carries the data. */}
      <div aria-hidden inert className="h-64 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="#e4e4e7" strokeDasharray="3 3" />
            <XAxis dataKey={xKey} tick={{ fontSize: 12, fill: '#71717a' }} />
            <YAxis allowDecimals={decimals > 0} tick={{ fontSize: 12, fill: '#71717a' }} tickFormatter={(v) => fmt(v)} width={56} />
            <Tooltip formatter={(v) => fmt(v)} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {series.map((s) => (
              <Line key={s.key} type="monotone" dataKey={s.key} name={s.label} stroke={s.color} strokeWidth={2} dot={{ r: 3 }} connectNulls={false} isAnimationActive={false} />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="sr-only">
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{xHeading}</th>
              {series.map((s) => (
                <th key={s.key} scope="col">
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.map((row, i) => (
              <tr key={i}>
                <th scope="row">{String(row[xKey])}</th>
                {series.map((s) => (
                  <td key={s.key}>{fmt(row[s.key])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </figcaption>
    </figure>
  );
}
