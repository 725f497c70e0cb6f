'use client';

/**
 * Under the essay: which of the rubric assistant's passages are marked in it (with a way back to
 * the criterion), a live region for "Go to passage", and "Possible factual slips": statements the
 * unit's fact sheet seems to contradict, each with the passage, what the essay says and what the
 * fact sheet says. Worded as things to check, never as verdicts: the assistant can be wrong.
 */
import { useAssistant } from './assistant-context';

function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

/** `slips`: whether to list the possible factual slips (grade by criterion shows only the criterion's evidence). */
export function AssistantEssayNotes({ slips = true }: { slips?: boolean }) {
  const assistant = useAssistant();
  if (!assistant) return null;
  const { load, rubric, shownCriterionId } = assistant;
  const shownTitle = rubric.criteria.find((criterion) => criterion.id === shownCriterionId)?.title;
  const flags = load.state === 'ready' ? load.located.flags : [];
  return (
    <div className="assistant-essay-notes">
      {shownTitle ? (
        <div className="assistant-evidence-bar">
          <p className="meta">
            Marked in the essay: the evidence the rubric assistant cites for <strong>{shownTitle}</strong> (dashed underline,
            labelled “Evidence”).
          </p>
          <div className="item-actions">
            <button
              type="button"
              className="button button-secondary button-small"
              onClick={() => document.getElementById(`assistant-${shownCriterionId}`)?.focus()}
            >
              Back to the suggestion for {shownTitle}
            </button>
            <button type="button" className="button button-secondary button-small" onClick={() => assistant.showEvidence(null)}>
              Unmark the evidence
            </button>
          </div>
        </div>
      ) : null}
      <div role="status" aria-live="polite" className="meta">
        {assistant.announcement}
      </div>
      {slips && load.state === 'ready' ? (
        <section className="fact-flags" aria-labelledby="fact-flags-heading">
          <h3 id="fact-flags-heading">Possible factual slips ({flags.length})</h3>
          {flags.length === 0 ? (
            <p className="meta">
              The rubric assistant found no statement that contradicts the unit’s fact sheet. It checks only what the fact
              sheet covers, so this is not a full check.
            </p>
          ) : (
            <>
              <p className="meta">
                The rubric assistant thinks these statements may not match the unit’s fact sheet. Please check them: it can be
                wrong. In the essay they are marked with a dashed underline, labelled “Check fact”.
              </p>
              {flags.some((flag) => flag.inText) ? (
                <button
                  type="button"
                  className="button button-secondary button-small"
                  aria-pressed={assistant.flagsShown}
                  onClick={() => assistant.showFlags(!assistant.flagsShown)}
                >
                  Mark them in the essay
                </button>
              ) : null}
              <ol className="fact-flag-list">
                {flags.map((flag, index) => (
                  <li key={flag.id} className="fact-flag">
                    <p className="assistant-quote">“{shorten(flag.quote, 160)}”</p>
                    <dl>
                      <div>
                        <dt>The essay seems to say</dt>
                        <dd>{flag.says}</dd>
                      </div>
                      <div>
                        <dt>The unit’s fact sheet says</dt>
                        <dd>{flag.fact}</dd>
                      </div>
                    </dl>
                    {flag.inText ? (
                      <button
                        type="button"
                        className="button button-secondary button-small"
                        aria-label={`Go to passage of possible slip ${index + 1}`}
                        onClick={() => {
                          assistant.showFlags(true);
                          assistant.goToPassage(flag, `The passage of possible slip ${index + 1}`);
                        }}
                      >
                        Go to passage
                      </button>
                    ) : null}
                  </li>
                ))}
              </ol>
            </>
          )}
        </section>
      ) : null}
    </div>
  );
}
