/**
 * What scenarios share: the servers, the emulators, the students and their sessions, and the
 * shape of what a scenario reports. A scenario is one module in bench/scenarios/ whose default
 * export is a `Scenario`; the runner runs them in `order` and merges their figures into
 * bench/results/latest.json, so a new measurement (e.g. grade passback) is a new file there.
 */
import type { Platform } from '../../emulator';
import type { ServerProcess } from './processes';

export interface Student {
  userId: string;
  courseId: string;
  resourceLinkId: string;
  /** From the launch redirect, once launched. */
  session?: string;
  /** The latest essay revision this student saved (0 = nothing saved yet). */
  revision: number;
  text?: string;
}

export interface BenchContext {
  inkwell: ServerProcess;
  bare: ServerProcess;
  /** The emulator Inkwell is registered with; another one launches into the bare ltijs tool. */
  platform: Platform;
  barePlatform: Platform;
  /** Students by course, created up front with platform.addMember. */
  courses: Record<string, { resourceLinkId: string; students: Student[]; instructorId: string }>;
  /** Figures of the scenarios run so far (flat keys), e.g. for ratios. */
  figures: Record<string, number | null>;
  /** Waits (bounded) until neither tool is still working through queued database commands. */
  waitForDbIdle(maxMs?: number): Promise<void>;
  /** Where CPU profiles are written. */
  profileDir: string;
  log(message: string): void;
}

export interface Target {
  key: string;
  label: string;
  op: '<' | '<=' | '>=';
  threshold: number;
  unit: string;
}

export interface ScenarioResult {
  /** Flat keys in the units their names say (`_ms`, `_per_s`, `_kb`, `_mb`, `_s`). */
  figures: Record<string, number | null>;
  /** Markdown for this scenario's section of the report. */
  markdown: string;
  details: unknown;
}

export interface Scenario {
  name: string;
  title: string;
  order: number;
  /** Whether the scenario loads the Inkwell server (then its peak RSS is recorded). */
  usesServer: boolean;
  targets: Target[];
  run(ctx: BenchContext): Promise<ScenarioResult>;
  /** A short re-run for a CPU profile, when one of its targets is missed (or always, for launch). */
  profile?(ctx: BenchContext): Promise<void>;
  alwaysProfile?: boolean;
}

export function met(target: Target, value: number | null | undefined): boolean | null {
  if (value === null || value === undefined || Number.isNaN(value)) return null;
  if (target.op === '<') return value < target.threshold;
  if (target.op === '<=') return value <= target.threshold;
  return value >= target.threshold;
}
