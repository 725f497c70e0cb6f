/**
 * The rubric assistant: milliseconds of one core to assess a 1,000-word essay (analysis with
 * wink-nlp, look-fors, fact checks, suggestions for the eight criteria), in this process, after
 * the English model is loaded. Essays are the unit's sample essay and variations of it, cut or
 * padded to 1,000 words, each a different text so nothing is measured from a cache of the last one.
 */
import { performance } from 'node:perf_hooks';
import { builtInKnowledge } from '../../domain/assistant/built-in-knowledge';
import { assessEssay } from '../../domain/assistant/suggest';
import { builtInRubric } from '../../domain/rubric';
import { sampleEssay } from '../../domain/unit';
import type { Scenario } from '../lib/context';
import { percentile, round } from '../lib/stats';

const RUNS = 60;

/** A different 1,000-word essay for each run: the sample's paragraphs in a rotated order. */
function essayOf(run: number): string {
  const paragraphs = sampleEssay.split(/\n\s*\n/).filter((paragraph) => paragraph.trim());
  const out: string[] = [];
  let words = 0;
  for (let index = 0; words < 1000; index++) {
    const paragraph = paragraphs[(index + run) % paragraphs.length] ?? '';
    const paragraphWords = paragraph.split(/\s+/).filter(Boolean);
    const taken = paragraphWords.slice(0, 1000 - words);
    out.push(taken.join(' ') + (run % 2 && index === 0 ? ` (${run})` : ''));
    words += taken.length;
  }
  return out.join('\n\n');
}

const scenario: Scenario = {
  name: 'assistant',
  title: 'Rubric assistant',
  order: 11,
  usesServer: false,
  targets: [{ key: 'assistant.essay1000_p95_ms', label: 'Assess a 1,000-word essay, one core (p95)', op: '<', threshold: 100, unit: 'ms' }],
  async run() {
    const loadStart = performance.now();
    assessEssay('Warm up: the model loads on first use.', builtInRubric.criteria, builtInKnowledge);
    const loadMs = performance.now() - loadStart;
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const essay = essayOf(run);
      const start = performance.now();
      assessEssay(essay, builtInRubric.criteria, builtInKnowledge);
      times.push(performance.now() - start);
    }
    const p50 = round(percentile(times, 50), 1);
    const p95 = round(percentile(times, 95), 1);
    const markdown = [
      `${RUNS} different essays of 1,000 words, assessed one after another in the bench process (one core), after loading the model (${round(loadMs, 0)} ms, once per process).`,
      '',
      '| p50 ms | p95 ms | max ms |',
      '|---:|---:|---:|',
      `| ${p50} | **${p95}** | ${round(Math.max(...times), 1)} |`,
    ].join('\n');
    return { figures: { 'assistant.essay1000_p50_ms': p50, 'assistant.essay1000_p95_ms': p95 }, markdown, details: { times, loadMs } };
  },
};

export default scenario;
