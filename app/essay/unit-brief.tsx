import type { Unit } from '../../domain/unit';

/** The unit's introduction, the guiding questions and what to write. */
export function UnitBrief({ unit }: { unit: Unit }) {
  return (
    <section className="card" aria-labelledby="unit-brief">
      <h2 id="unit-brief">About this unit</h2>
      <div className="prose">
        {unit.introduction.map((paragraph) => (
          <p key={paragraph.slice(0, 32)}>{paragraph}</p>
        ))}
      </div>
      <h3>Guiding questions</h3>
      <ol className="questions">
        {unit.guidingQuestions.map((question) => (
          <li key={question.id}>
            <span className="prompt">{question.prompt}</span>
            <span className="context">{question.context}</span>
          </li>
        ))}
      </ol>
      <h3>What to write</h3>
      <p className="prose">{unit.instructions}</p>
      <p className="hint">
        Length: {unit.rules.minWords}–{unit.rules.maxWords} words.
      </p>
    </section>
  );
}
