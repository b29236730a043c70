'use client';

import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface SurveyTrendRow {
  period: string;
  /** NPS or CSAT of the period; null (no answers) leaves a gap, never a zero. */
  score: number | null;
  answers: number;
  /** The score as shown in the data table (formatted on the server). */
  scoreText: string;
}

/**
 * The score per period as a line over the answer counts as bars, with the data also as a table
 * for screen readers (the SVG is hidden from them, as in components/ui/charts/trend-chart).
 */
export function SurveyTrendChart({
  title,
  rows,
  labels,
  domain,
}: {
  title: string;
  rows: SurveyTrendRow[];
  labels: { period: string; score: string; answers: string };
  domain: [number, number];
}) {
  return (
    <figure>
      <div aria-hidden inert className="h-64 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart accessibilityLayer={false} data={rows} margin={{ top: 8, right: 4, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="#e4e4e7" strokeDasharray="3 3" />
            <XAxis dataKey="period" tick={{ fontSize: 12, fill: '#71717a' }} />
            <YAxis yAxisId="score" domain={domain} tick={{ fontSize: 12, fill: '#71717a' }} width={40} />
            {/* Twice the busiest period: the bars stay in the lower half, under the score line. */}
            <YAxis yAxisId="answers" orientation="right" allowDecimals={false} domain={[0, (max: number) => Math.max(4, Math.ceil(max * 2))]} tick={{ fontSize: 12, fill: '#71717a' }} width={36} />
            <Tooltip />
            <Legend wrapperStyle={{ fontSize: 12 }} formatter={(value) => <span className="text-zinc-700">{value}</span>} />
            <Bar yAxisId="answers" dataKey="answers" name={labels.answers} fill="#a5b4fc" isAnimationActive={false} />
            <Line yAxisId="score" type="monotone" dataKey="score" name={labels.score} stroke="#4f46e5" strokeWidth={2} dot={{ r: 3 }} connectNulls={false} isAnimationActive={false} />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="sr-only">
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{labels.period}</th>
              <th scope="col">{labels.score}</th>
              <th scope="col">{labels.answers}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.period}>
                <th scope="row">{r.period}</th>
                <td>{r.scoreText}</td>
                <td>{r.answers}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </figcaption>
    </figure>
  );
}
