import { describe, expect, it } from 'vitest';
import { describeWritingProcess, type WritingSample } from '../../../domain/writing-process';
import { chartGeometry } from './writing-chart';

const START = Date.UTC(2026, 10, 2, 9, 0);
const at = (minute: number) => new Date(START + minute * 60_000);

function process(points: [minute: number, words: number][]) {
  const samples: WritingSample[] = points.map(([minute, words], i) => ({ revision: i + 1, savedAt: at(minute), words }));
  return describeWritingProcess(samples);
}

describe('chartGeometry', () => {
  it('draws nothing for an essay with no saves', () => {
    expect(chartGeometry(process([]))).toMatchObject({ paths: [], breaks: [], markers: [] });
  });

  it('draws one path per session, with a break between sessions and the days between left out', () => {
    const geometry = chartGeometry(process([[0, 10], [20, 60], [60 * 24, 70], [60 * 24 + 20, 120]]));
    expect(geometry.paths).toHaveLength(2);
    expect(geometry.breaks).toHaveLength(1);
    // Two twenty-minute sessions share the width equally, a day apart or not.
    expect(geometry.breaks[0]).toBeCloseTo((geometry.plot.left + geometry.plot.right) / 2, 0);
    expect(geometry.maxWords).toBe(120);
  });

  it('keeps every point inside the plot and the highest count at the top', () => {
    const geometry = chartGeometry(process([[0, 0], [5, 300], [9, 150]]));
    const numbers = geometry.paths.join(' ').match(/-?\d+(\.\d+)?/g)!.map(Number);
    for (const n of numbers) expect(n).toBeGreaterThanOrEqual(0);
    expect(geometry.markers).toEqual([{ x: expect.any(Number), y: geometry.plot.top, revision: 2 }]);
  });

  it('gives a one-save session a visible width', () => {
    const geometry = chartGeometry(process([[0, 10], [90, 200], [95, 210], [300, 220]]));
    const widths = geometry.paths.map((d) => {
      const xs = d.match(/[MH](\d+(\.\d+)?)/g)!.map((part) => Number(part.slice(1)));
      return Math.max(...xs) - Math.min(...xs);
    });
    for (const width of widths) expect(width).toBeGreaterThan(10);
  });
});
