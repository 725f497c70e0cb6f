/**
 * Bar charts of counts, drawn as SVG on the server with visx (scales, bars, axes): no script,
 * no remote assets, and colours and fonts from app/globals.css (classes, not inline styles).
 * Each chart is an image with a name and a one-sentence description, followed by the same
 * numbers as a table in a disclosure, for screen readers and anyone who wants the figures.
 */
import { AxisBottom, AxisLeft } from '@visx/axis';
import { Group } from '@visx/group';
import { scaleBand, scaleLinear } from '@visx/scale';
import { Bar } from '@visx/shape';
import type { ReactNode } from 'react';

export interface BarDatum {
  label: string;
  count: number;
}

interface ChartProps {
  /** Unique on the page; names the SVG's title and description. */
  id: string;
  title: string;
  data: BarDatum[];
  /** What the bars stand for, e.g. "Total points". */
  categoryLabel: string;
  /** What is counted, e.g. "Students". */
  valueLabel: string;
}

function describe(data: BarDatum[], valueLabel: string): string {
  return data.map((d) => `${d.label}: ${d.count}`).join('; ') + ` (${valueLabel.toLowerCase()}).`;
}

function integerTicks(max: number): number {
  return Math.max(1, Math.min(5, max));
}

function ChartTable({ title, data, categoryLabel, valueLabel }: Omit<ChartProps, 'id'>) {
  return (
    <details className="chart-table">
      <summary>{title} (table)</summary>
      <table className="data-table">
        <caption className="visually-hidden">{title}</caption>
        <thead>
          <tr>
            <th scope="col">{categoryLabel}</th>
            <th scope="col" className="numeric">
              {valueLabel}
            </th>
          </tr>
        </thead>
        <tbody>
          {data.map((d) => (
            <tr key={d.label}>
              <th scope="row">{d.label}</th>
              <td className="numeric">{d.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

/** The figure around a chart: the SVG image with its name and description, then its numbers as a table. */
function ChartFrame({
  id,
  title,
  data,
  categoryLabel,
  valueLabel,
  width,
  height,
  margin,
  children,
}: ChartProps & { width: number; height: number; margin: { top: number; left: number }; children: ReactNode }) {
  return (
    <figure className="chart">
      <svg
        className="chart-svg"
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        preserveAspectRatio="xMinYMin meet"
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{describe(data, valueLabel)}</desc>
        <Group left={margin.left} top={margin.top}>
          {children}
        </Group>
      </svg>
      <ChartTable title={title} data={data} categoryLabel={categoryLabel} valueLabel={valueLabel} />
    </figure>
  );
}

/** Vertical bars, one per category along the bottom (e.g. the score distribution). */
export function ColumnChart({ id, title, data, categoryLabel, valueLabel }: ChartProps) {
  const width = 640;
  const height = 240;
  const margin = { top: 18, right: 8, bottom: 44, left: 48 };
  const innerWidth = width - margin.left - margin.right;
  const innerHeight = height - margin.top - margin.bottom;
  const highest = Math.max(1, ...data.map((d) => d.count));
  const x = scaleBand<string>({ domain: data.map((d) => d.label), range: [0, innerWidth], padding: 0.2 });
  const y = scaleLinear<number>({ domain: [0, highest], range: [innerHeight, 0], nice: true });
  return (
    <ChartFrame id={id} title={title} data={data} categoryLabel={categoryLabel} valueLabel={valueLabel} width={width} height={height} margin={margin}>
      {data.map((d) => {
        const barX = x(d.label) ?? 0;
        const barY = y(d.count);
        return (
          <g key={d.label}>
            <Bar className="chart-bar" x={barX} y={barY} width={x.bandwidth()} height={innerHeight - barY} />
            {d.count > 0 ? (
              <text className="chart-value" x={barX + x.bandwidth() / 2} y={barY - 4} textAnchor="middle">
                {d.count}
              </text>
            ) : null}
          </g>
        );
      })}
      <AxisLeft scale={y} numTicks={integerTicks(highest)} tickFormat={(v) => String(v)} axisClassName="chart-axis" label={valueLabel} />
      <AxisBottom scale={x} top={innerHeight} axisClassName="chart-axis" label={categoryLabel} />
    </ChartFrame>
  );
}

/** Horizontal bars, one per category down the side (e.g. the levels of one criterion). */
export function RowChart({ id, title, data, categoryLabel, valueLabel }: ChartProps) {
  // Narrow enough to sit two abreast at 1024 px with its text at about its nominal size.
  const width = 440;
  const rowHeight = 30;
  const margin = { top: 8, right: 32, bottom: 40, left: 120 };
  const innerWidth = width - margin.left - margin.right;
  const innerHeight = rowHeight * data.length;
  const height = innerHeight + margin.top + margin.bottom;
  const highest = Math.max(1, ...data.map((d) => d.count));
  const y = scaleBand<string>({ domain: data.map((d) => d.label), range: [0, innerHeight], padding: 0.25 });
  const x = scaleLinear<number>({ domain: [0, highest], range: [0, innerWidth], nice: true });
  return (
    <ChartFrame id={id} title={title} data={data} categoryLabel={categoryLabel} valueLabel={valueLabel} width={width} height={height} margin={margin}>
      {data.map((d) => {
        const barY = y(d.label) ?? 0;
        const barWidth = x(d.count);
        return (
          <g key={d.label}>
            <Bar className="chart-bar" x={0} y={barY} width={barWidth} height={y.bandwidth()} />
            <text className="chart-value" x={barWidth + 6} y={barY + y.bandwidth() / 2} dominantBaseline="middle">
              {d.count}
            </text>
          </g>
        );
      })}
      <AxisLeft scale={y} axisClassName="chart-axis" hideTicks />
      <AxisBottom scale={x} top={innerHeight} numTicks={integerTicks(highest)} tickFormat={(v) => String(v)} axisClassName="chart-axis" label={valueLabel} />
    </ChartFrame>
  );
}
