/** Summarises a V8 .cpuprofile: self time by function and by package/area, idle excluded. */
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { ROOT } from './processes';
import { round } from './stats';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  busyMs: number;
  idleMs: number;
  topFunctions: { name: string; where: string; selfMs: number; percent: number }[];
  topAreas: { area: string; selfMs: number; percent: number }[];
}

function shortUrl(url: string): string {
  return url.replace(/^file:\/\//, '').replace(`${ROOT}/`, '');
}

const bundleMaps = new Map<string, SourceMap | null>();

/**
 * The server runs from its esbuild bundle (.build/server.js): a frame of the bundle is put back
 * at its source file and line through the bundle's source map, so areas and places read as before.
 */
function sourceFrame(frame: ProfileNode['callFrame']): ProfileNode['callFrame'] {
  const file = frame.url.replace(/^file:\/\//, '');
  if (!file.includes('/.build/')) return frame;
  if (!bundleMaps.has(file)) {
    const mapFile = `${file}.map`;
    bundleMaps.set(file, existsSync(mapFile) ? new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8')) as ConstructorParameters<typeof SourceMap>[0]) : null);
  }
  const entry = bundleMaps.get(file)?.findEntry(frame.lineNumber, frame.columnNumber);
  if (!entry || !('originalSource' in entry)) return frame;
  const source = new URL(entry.originalSource, `file://${file}`).href;
  return { ...frame, url: source, lineNumber: entry.originalLine, columnNumber: entry.originalColumn };
}

/** Which package or part of the app a frame belongs to. */
function areaOf(frame: ProfileNode['callFrame']): string {
  const url = shortUrl(frame.url);
  if (!url) return frame.functionName.startsWith('(') ? frame.functionName : '(native/V8)';
  if (url.startsWith('node:')) return 'Node.js core';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!.startsWith('next') && url.includes('compiled/') ? `next (${/compiled\/([^/]+)/.exec(url)?.[1] ?? 'compiled'})` : pkg[1]!;
  if (url.includes('.next/server/chunks')) return 'Inkwell app (Next server chunks)';
  return `Inkwell: ${url.split('/').slice(0, -1).join('/') || url}`;
}

export function summariseProfile(file: string, top = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  // The last sample is taken inside Profiler.stop (the inspector's native `dispatch`) and its
  // delta spans the profiler's own shutdown work: leave it out.
  profile.samples.slice(0, -1).forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const functions = new Map<string, { name: string; where: string; us: number }>();
  const areas = new Map<string, number>();
  let idleUs = 0;
  let busyUs = 0;
  for (const [id, us] of selfUs) {
    if (byId.get(id)!.callFrame.functionName === '(idle)') {
      idleUs += us;
      continue;
    }
    busyUs += us;
    const frame = sourceFrame(byId.get(id)!.callFrame);
    const name = frame.functionName || '(anonymous)';
    const where = frame.url ? `${shortUrl(frame.url)}:${frame.lineNumber + 1}` : '';
    const key = `${name}@${where}`;
    const entry = functions.get(key) ?? { name, where, us: 0 };
    entry.us += us;
    functions.set(key, entry);
    const area = areaOf(frame);
    areas.set(area, (areas.get(area) ?? 0) + us);
  }
  const pct = (us: number) => round((us / Math.max(1, busyUs)) * 100);
  return {
    busyMs: round(busyUs / 1000),
    idleMs: round(idleUs / 1000),
    topFunctions: [...functions.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((f) => ({ name: f.name, where: f.where, selfMs: round(f.us / 1000), percent: pct(f.us) })),
    topAreas: [...areas.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 10)
      .map(([area, us]) => ({ area, selfMs: round(us / 1000), percent: pct(us) })),
  };
}

export function profileMarkdown(title: string, summary: ProfileSummary): string {
  return [
    `#### ${title}`,
    '',
    `Server CPU busy ${summary.busyMs} ms, idle ${summary.idleMs} ms during the profiled re-run.`,
    '',
    '| Self time by package / area | ms | % of busy |',
    '|---|---:|---:|',
    ...summary.topAreas.map((a) => `| ${a.area} | ${a.selfMs} | ${a.percent} |`),
    '',
    '| Top functions (self time) | Where | ms | % of busy |',
    '|---|---|---:|---:|',
    ...summary.topFunctions.map((f) => `| \`${f.name}\` | ${f.where ? `\`${f.where}\`` : ''} | ${f.selfMs} | ${f.percent} |`),
  ].join('\n');
}
