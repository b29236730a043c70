/**
 * A half-circle gauge from `min` to `max` with the arc drawn from `origin` (0 for NPS, so a
 * negative NPS grows to the left in red) to the value. An image to screen readers, named by `label`.
 */
export function Gauge({ value, min, max, origin, label, minLabel, maxLabel }: { value: number | null; min: number; max: number; origin: number; label: string; minLabel: string; maxLabel: string }) {
  const cx = 100;
  const cy = 100;
  const r = 80;
  const angle = (v: number) => Math.PI * (1 - (Math.min(max, Math.max(min, v)) - min) / (max - min));
  const point = (v: number) => [cx + r * Math.cos(angle(v)), cy - r * Math.sin(angle(v))] as const;
  const arc = (from: number, to: number) => {
    const [x1, y1] = point(from);
    const [x2, y2] = point(to);
    // Clockwise (sweep 1) from the lower to the higher value; a half circle never needs the large arc.
    return `M ${x1.toFixed(2)} ${y1.toFixed(2)} A ${r} ${r} 0 0 1 ${x2.toFixed(2)} ${y2.toFixed(2)}`;
  };
  const negative = value !== null && value < origin;
  return (
    <svg viewBox="0 0 200 118" role="img" aria-label={label} className="w-full max-w-[15rem]">
      <path d={arc(min, max)} fill="none" stroke="#e4e4e7" strokeWidth={18} strokeLinecap="butt" />
      {value !== null && value !== origin ? (
        <path d={negative ? arc(value, origin) : arc(origin, value)} fill="none" stroke={negative ? '#dc2626' : '#059669'} strokeWidth={18} strokeLinecap="butt" />
      ) : null}
      {origin > min && origin < max ? <line x1={cx} y1={cy - r - 12} x2={cx} y2={cy - r + 12} stroke="#71717a" strokeWidth={1.5} /> : null}
      <text x={cx - r} y={116} textAnchor="middle" fontSize={11} fill="#52525b">
        {minLabel}
      </text>
      <text x={cx + r} y={116} textAnchor="middle" fontSize={11} fill="#52525b">
        {maxLabel}
      </text>
    </svg>
  );
}
