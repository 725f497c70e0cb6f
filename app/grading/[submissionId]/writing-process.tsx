import { describeDuration, LARGE_ADDITION_WORDS, type WritingProcess } from '../../../domain/writing-process';
import { isInkwellError } from '../../../domain/errors';
import { getWritingProcess } from '../../../services/writing-process';
import type { Session } from '../../../services/sessions';
import { DateTime } from '../../_components/date-time';
import { SimpleTable } from '../../_components/simple-table';
import { CHART_HEIGHT, CHART_WIDTH, chartGeometry } from './writing-chart';

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

/**
 * "How this essay was written", for the instructor only: the page mounting it is the grading
 * view, and the service refuses students. Statistics of the saves, framed as context for a
 * conversation with the student — they show when text arrived, not who wrote it.
 */
export async function WritingProcessSection({
  session,
  submissionId,
  checked,
}: {
  session: Session;
  submissionId: string;
  /** The page's own check of this submission (its grading view), so it is not read again. */
  checked?: { submission: { id: string; revision: number } };
}) {
  let process: WritingProcess;
  try {
    process = await getWritingProcess(session, submissionId, checked);
  } catch (error) {
    if (!isInkwellError(error) || !error.expose) throw error;
    return null;
  }
  return (
    <section className="writing-process" aria-labelledby="writing-process-heading">
      <h3 id="writing-process-heading">How this essay was written</h3>
      {process.saves === 0 ? (
        <p className="meta">Nothing saved yet.</p>
      ) : (
        <>
          <p className="meta writing-summary">
            {describeDuration(process.totalTimeMs)} across {plural(process.sessions.length, 'writing session')} ·{' '}
            {plural(process.saves, 'save')} ·{' '}
            {process.largeAdditions.length === 0
              ? 'no large additions'
              : plural(process.largeAdditions.length, 'large addition')}
          </p>
          <details className="writing-details">
            <summary>Timeline, sessions and large additions</summary>
            <WritingDetails process={process} />
          </details>
        </>
      )}
    </section>
  );
}

function WritingDetails({ process }: { process: WritingProcess }) {
  const geometry = chartGeometry(process);
  const { plot } = geometry;
  const summary =
    `Words over writing time: ${plural(process.sessions.length, 'session')}, ending at ${plural(process.finalWords, 'word')}` +
    (process.largeAdditions.length > 0 ? `; ${plural(process.largeAdditions.length, 'large addition')} marked.` : '.') +
    ' The sessions and additions are also listed in the tables below.';
  return (
    <div className="writing-body">
      <p className="hint">
        Inkwell keeps a few numbers from each save (its time, word and character counts), never extra copies of the
        text. They show when text arrived, not who wrote it: use them as context for a conversation with the student.
        Time spent counts from the first to the last save of each session (saves less than 30 minutes apart); time away
        between sessions is left out of the chart.
      </p>
      <svg
        className="writing-chart"
        viewBox={`0 0 ${CHART_WIDTH} ${CHART_HEIGHT}`}
        role="img"
        aria-label={summary}
        preserveAspectRatio="none"
      >
        <line className="chart-axis" x1={plot.left} y1={plot.bottom} x2={plot.right} y2={plot.bottom} />
        <line className="chart-axis" x1={plot.left} y1={plot.top} x2={plot.left} y2={plot.bottom} />
        <text className="chart-label" x={plot.left - 4} y={plot.top + 8} textAnchor="end">
          {geometry.maxWords}
        </text>
        <text className="chart-label" x={plot.left - 4} y={plot.bottom} textAnchor="end">
          0
        </text>
        {geometry.breaks.map((x) => (
          <line key={x} className="chart-break" x1={x} y1={plot.top} x2={x} y2={plot.bottom} />
        ))}
        {geometry.paths.map((d, index) => (
          <path key={index} className="chart-line" d={d} />
        ))}
        {geometry.markers.map((marker) => (
          <rect
            key={marker.revision}
            className="chart-marker"
            x={marker.x - 4}
            y={marker.y - 4}
            width={8}
            height={8}
            transform={`rotate(45 ${marker.x} ${marker.y})`}
          />
        ))}
      </svg>
      <p className="hint chart-legend">
        Words (up to {geometry.maxWords.toLocaleString('en-GB')}) over writing time; dashed lines separate sessions
        {geometry.markers.length > 0 ? '; diamonds mark large additions' : ''}.
      </p>

      <SimpleTable className="writing-table" caption="Writing sessions" columns={['Session', 'Started', 'Time', 'Saves', 'Words']}>
        {process.sessions.map((session, index) => (
          <tr key={session.start.toISOString()}>
            <th scope="row">{index + 1}</th>
            <td>
              <DateTime value={session.start} />
            </td>
            <td>{describeDuration(session.durationMs)}</td>
            <td>{session.saves}</td>
            <td>
              {session.wordsBefore.toLocaleString('en-GB')} → {session.wordsAfter.toLocaleString('en-GB')}
            </td>
          </tr>
        ))}
      </SimpleTable>

      <h4>Large additions in one save</h4>
      {process.largeAdditions.length === 0 ? (
        <p className="meta">No save added more than {LARGE_ADDITION_WORDS} words at once.</p>
      ) : (
        <>
          <p className="hint">
            Saves that added more than {LARGE_ADDITION_WORDS} words at once. These often have an ordinary explanation:
            text pasted from the student&apos;s own notes, writing done while offline, or an earlier version put back.
          </p>
          <ul className="large-additions">
            {process.largeAdditions.map((addition) => (
              <li key={addition.revision}>
                <DateTime value={addition.savedAt} />: {plural(addition.wordsAdded, 'word')} added
                {addition.charsAdded !== undefined ? ` (${plural(addition.charsAdded, 'character')})` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
