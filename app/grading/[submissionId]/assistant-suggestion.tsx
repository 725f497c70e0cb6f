'use client';

/**
 * The rubric assistant's suggestion for one criterion, inside that criterion's group of the rubric
 * form: the level it suggests and why, the passages it cites (each can be marked and selected in
 * the essay, in a disclosure closed by default), and "Accept suggestion", which chooses that level in the form and nothing more (the
 * instructor still saves). Above the criteria, where the suggestions stand (still reading, not
 * available, about another version) and "Accept all suggestions" for criteria with no level yet.
 * Nothing is chosen without the instructor's click or key press.
 */
import type { Criterion, Rubric } from '../../../domain/rubric';
import { useAssistant, type AssistantValue } from './assistant-context';
import type { LocatedSuggestion } from './assistant-passages';

export interface AcceptedLevel {
  criterionId: string;
  levelId: string;
}

/** The id of the sentence that describes a criterion's suggestion (for the group's aria-describedby). */
export function suggestionDescriptionId(criterionId: string): string {
  return `assistant-${criterionId}-summary`;
}

function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

function levelLabel(criterion: Pick<Criterion, 'levels'>, levelId: string): string | undefined {
  return criterion.levels.find((level) => level.id === levelId)?.label;
}

/** The suggestion for a criterion when the assistant has one that names a level of it. */
export function suggestionFor(assistant: AssistantValue | null, criterion: Criterion): LocatedSuggestion | undefined {
  if (assistant?.load.state !== 'ready') return undefined;
  const suggestion = assistant.load.located.suggestions.find((entry) => entry.criterionId === criterion.id);
  return suggestion && levelLabel(criterion, suggestion.levelId) !== undefined ? suggestion : undefined;
}

/** What the form's status says after suggestions were accepted. */
export function acceptedMessage(rubric: Pick<Rubric, 'criteria'>, accepted: readonly AcceptedLevel[]): string {
  const notSaved = 'Not saved yet: save the grade when you are ready.';
  if (accepted.length === 1) {
    const criterion = rubric.criteria.find((entry) => entry.id === accepted[0]!.criterionId);
    const label = criterion ? levelLabel(criterion, accepted[0]!.levelId) : undefined;
    return `Suggested level “${label ?? '?'}” chosen for ${criterion?.title ?? 'this criterion'}. ${notSaved}`;
  }
  return `Suggested levels chosen for ${accepted.length} criteria. ${notSaved}`;
}

export function AssistantSuggestion({
  criterion,
  selectedLevelId,
  onAccept,
}: {
  criterion: Criterion;
  selectedLevelId: string | undefined;
  onAccept: (accepted: AcceptedLevel[]) => void;
}) {
  const assistant = useAssistant();
  const suggestion = suggestionFor(assistant, criterion);
  if (!assistant || assistant.load.state !== 'ready') return null;
  if (!suggestion) {
    return (
      <p className="assistant-suggestion assistant-none meta">
        {criterion.guidingQuestionId
          ? 'No suggestion from the rubric assistant: this question has no look-fors (add them under “Rubric assistant knowledge” in the assignment editor).'
          : 'The rubric assistant does not suggest a level for this criterion.'}
      </p>
    );
  }
  const label = levelLabel(criterion, suggestion.levelId)!;
  const evidenceShown = assistant.shownCriterionId === criterion.id;
  const citable = suggestion.evidence.filter((citation) => citation.inText);
  return (
    <div className="assistant-suggestion" id={`assistant-${criterion.id}`} tabIndex={-1}>
      <p className="assistant-kicker">Suggested by the rubric assistant</p>
      <p id={suggestionDescriptionId(criterion.id)}>
        <span className="visually-hidden">Suggested by the rubric assistant: </span>
        <strong>{label}</strong>. {suggestion.reason}
      </p>
      <div className="item-actions">
        <button
          type="button"
          className="button button-small"
          aria-label={`Accept suggestion: ${label} for ${criterion.title}`}
          onClick={() => onAccept([{ criterionId: criterion.id, levelId: suggestion.levelId }])}
        >
          Accept suggestion
        </button>
      </div>
      {suggestion.evidence.length > 0 ? (
        // Closed by default: a keyboard grader tabs past one summary, not every citation, per criterion.
        <details className="assistant-citations-details">
          <summary>Passages it cites ({suggestion.evidence.length})</summary>
          <ol className="assistant-citations">
            {suggestion.evidence.map((citation, index) => (
              <li key={citation.id}>
                <span className="assistant-quote">“{shorten(citation.quote, 160)}”</span>{' '}
                {citation.inText ? (
                  <button
                    type="button"
                    className="button-link"
                    aria-label={`Go to passage: evidence ${index + 1} for ${criterion.title}`}
                    onClick={() => {
                      assistant.showEvidence(criterion.id);
                      assistant.goToPassage(citation, `Evidence ${index + 1} for ${criterion.title}`);
                    }}
                  >
                    Go to passage
                  </button>
                ) : null}
              </li>
            ))}
          </ol>
          {citable.length > 0 ? (
            <button
              type="button"
              className="button button-secondary button-small"
              aria-pressed={evidenceShown}
              onClick={() => assistant.showEvidence(evidenceShown ? null : criterion.id)}
            >
              Mark its evidence in the essay
            </button>
          ) : null}
        </details>
      ) : null}
      {selectedLevelId === suggestion.levelId ? (
        <p className="meta">Your choice matches the suggestion.</p>
      ) : selectedLevelId ? (
        <p className="meta">You chose another level. Accepting the suggestion would replace it.</p>
      ) : null}
    </div>
  );
}

/** Where the suggestions stand, above the criteria, and "Accept all" for criteria with no level yet. */
export function AssistantSummary({
  rubric,
  selections,
  onAccept,
}: {
  rubric: Rubric;
  selections: Record<string, string>;
  onAccept: (accepted: AcceptedLevel[]) => void;
}) {
  const assistant = useAssistant();
  if (!assistant) return null;
  const { load } = assistant;
  let body;
  if (load.state === 'loading') {
    body = <p className="meta">The rubric assistant is reading the essay. You can grade meanwhile; its suggestions appear under each criterion.</p>;
  } else if (load.state === 'empty') {
    body = <p className="meta">The essay is empty, so the rubric assistant has nothing to suggest.</p>;
  } else if (load.state === 'error') {
    body = <p className="meta">The rubric assistant’s suggestions are not available: {load.message} You can grade without them.</p>;
  } else {
    const { located } = load;
    const open = located.suggestions.filter(
      (suggestion) => !selections[suggestion.criterionId] && rubric.criteria.some((c) => c.id === suggestion.criterionId && c.levels.some((l) => l.id === suggestion.levelId)),
    );
    body = (
      <>
        {located.suggestions.length === 0 ? (
          <p className="meta">The rubric assistant has no suggestions for this rubric.</p>
        ) : (
          <p className="meta">
            Under each criterion, the level the rubric assistant suggests and why. Nothing is chosen for you: accept a suggestion
            or pick your own level, then save.
          </p>
        )}
        {located.revision !== assistant.shownRevision ? (
          <p className="notice notice-info">
            These suggestions are about version {located.revision} of the essay; this page shows version {assistant.shownRevision}.
            Reload the page to see the text they are about.
          </p>
        ) : null}
        {open.length > 0 ? (
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => onAccept(open.map(({ criterionId, levelId }) => ({ criterionId, levelId })))}
          >
            Accept all suggestions for the {open.length === 1 ? 'criterion' : `${open.length} criteria`} without a level
          </button>
        ) : null}
      </>
    );
  }
  return (
    <section className="assistant-summary" aria-labelledby="assistant-summary-heading">
      <h3 id="assistant-summary-heading">Rubric assistant</h3>
      {body}
    </section>
  );
}
