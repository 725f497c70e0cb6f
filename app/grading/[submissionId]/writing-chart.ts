/**
 * The geometry of the "words over writing time" chart: sessions side by side, each as wide as
 * the time spent in it (with a minimum, so a short session stays visible), the hours or days
 * between sessions left out and marked by a gap. Pure, so it is unit-tested apart from React.
 */
import type { WritingProcess } from '../../../domain/writing-process';

export const CHART_WIDTH = 600;
export const CHART_HEIGHT = 120;
const GAP = 14;
/** Plot area inside the SVG, leaving room for the words scale on the left. */
const LEFT = 40;
const TOP = 8;
const BOTTOM = CHART_HEIGHT - 6;

export interface ChartGeometry {
  /** One SVG path per session: a step line of the words at each save. */
  paths: string[];
  /** Where one session ends and the next begins (dashed lines). */
  breaks: number[];
  /** Large additions: the point of the save that made each. */
  markers: { x: number; y: number; revision: number }[];
  maxWords: number;
  plot: { left: number; right: number; top: number; bottom: number };
}

const round = (value: number) => Math.round(value * 10) / 10;

export function chartGeometry(process: WritingProcess): ChartGeometry {
  const plot = { left: LEFT, right: CHART_WIDTH - 4, top: TOP, bottom: BOTTOM };
  const maxWords = Math.max(1, ...process.timeline.map((point) => point.words), ...process.sessions.map((s) => s.wordsBefore));
  const y = (words: number) => round(plot.bottom - (words / maxWords) * (plot.bottom - plot.top));
  const sessions = process.sessions;
  if (sessions.length === 0) return { paths: [], breaks: [], markers: [], maxWords, plot };

  const totalTime = sessions.reduce((sum, s) => sum + s.durationMs, 0);
  // A session shorter than this share of the width is drawn at this width.
  const minimum = Math.max(totalTime * 0.04, 60_000);
  const weights = sessions.map((s) => Math.max(s.durationMs, minimum));
  const totalWeight = weights.reduce((sum, w) => sum + w, 0);
  const usable = plot.right - plot.left - GAP * (sessions.length - 1);

  const paths: string[] = [];
  const breaks: number[] = [];
  const markers: ChartGeometry['markers'] = [];
  const large = new Set(process.largeAdditions.map((a) => a.revision));
  let left = plot.left;
  let point = 0;
  sessions.forEach((session, index) => {
    const width = ((weights[index] ?? minimum) / totalWeight) * usable;
    const span = Math.max(1, session.end.getTime() - session.start.getTime());
    const x = (at: Date) => round(left + (session.durationMs === 0 ? 0 : ((at.getTime() - session.start.getTime()) / span) * width));
    let d = `M${round(left)},${y(session.wordsBefore)}`;
    for (let saved = 0; saved < session.saves; saved++, point++) {
      const save = process.timeline[point];
      if (!save) break;
      const { revision, savedAt, words } = save;
      const px = x(savedAt);
      d += ` H${px} V${y(words)}`;
      if (large.has(revision)) markers.push({ x: px, y: y(words), revision });
    }
    d += ` H${round(left + width)}`;
    paths.push(d);
    left += width;
    if (index < sessions.length - 1) {
      breaks.push(round(left + GAP / 2));
      left += GAP;
    }
  });
  return { paths, breaks, markers, maxWords, plot };
}
