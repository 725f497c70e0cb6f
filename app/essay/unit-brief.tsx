import type { Unit } from '../../domain/unit';
import { Markdown, MarkdownInline } from '../_components/markdown';
import { DateTime } from '../_components/date-time';

type Level = 2 | 3;

/**
 * The unit's introduction, the guiding questions, what to write and by when.
 * Instructors write the text in Markdown; the built-in unit's plain paragraphs
 * come out as the same paragraphs as ever. `headingLevel` lets the editor's
 * preview nest it under its own heading.
 */
export function UnitBrief({ unit, headingLevel = 2 }: { unit: Unit; headingLevel?: Level }) {
  const Heading = `h${headingLevel}` as const;
  const Subheading = `h${headingLevel + 1}` as 'h3' | 'h4';
  const inText = (headingLevel + 2) as 4 | 5;
  const { rules } = unit;
  return (
    <section className="card" aria-labelledby="unit-brief">
      <Heading id="unit-brief">
        About this unit
      </Heading>
      <div className="prose">
        <Markdown source={unit.introduction.join('\n\n')} firstHeading={inText} />
      </div>
      <Subheading>Guiding questions</Subheading>
      <ol className="questions">
        {unit.guidingQuestions.map((question) => (
          <li key={question.id}>
            <span className="prompt">
              <MarkdownInline source={question.prompt} />
            </span>
            {question.context.trim() !== '' ? (
              <div className="context">
                <Markdown source={question.context} firstHeading={inText} />
              </div>
            ) : null}
          </li>
        ))}
      </ol>
      <Subheading>What to write</Subheading>
      <div className="prose unit-instructions">
        <Markdown source={unit.instructions} firstHeading={inText} />
      </div>
      <p className="hint">
        Length: {rules.minWords}–{rules.maxWords} words.
      </p>
      {rules.dueAt || rules.cutoffAt ? (
        <dl className="unit-dates">
          {rules.dueAt ? (
            <div>
              <dt>Due</dt>
              <dd>
                <DateTime value={rules.dueAt} />
              </dd>
            </div>
          ) : null}
          {rules.cutoffAt ? (
            <div>
              <dt>{rules.dueAt ? 'Late essays accepted until' : 'Submissions close'}</dt>
              <dd>
                <DateTime value={rules.cutoffAt} />
              </dd>
            </div>
          ) : null}
        </dl>
      ) : null}
      {rules.allowResubmission ? (
        <p className="hint">
          After submitting, you can reopen your essay to make changes
          {rules.dueAt ? ' until the due date' : ''}, as long as it has not been graded. A reopened essay must be
          submitted again.
        </p>
      ) : null}
    </section>
  );
}
