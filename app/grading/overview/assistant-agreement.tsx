/**
 * The class overview's "Rubric assistant agreement" (issue #15 item 6): how often the levels the
 * instructor chose matched the assistant's suggestions, per criterion and overall, so they can
 * judge how far to trust it for this class. Too few graded essays: said plainly, no noisy figures.
 */
import { MEANINGFUL_AGREEMENT_ESSAYS, type Agreement } from '../../../domain/assistant/agreement';
import type { AssignmentAgreement } from '../../../services/assistant';

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

function Kappa({ value }: { value: number | undefined }) {
  if (value === undefined) {
    return (
      <>
        <span aria-hidden="true">—</span>
        <span className="visually-hidden">cannot be computed</span>
      </>
    );
  }
  // A minus sign, not a hyphen, for a negative kappa.
  return <>{value.toFixed(2).replace('-', '−')}</>;
}

function FigureCells({ figures }: { figures: Agreement }) {
  return (
    <>
      <td className="numeric">{figures.count}</td>
      <td className="numeric">{percent(figures.exact)}</td>
      <td className="numeric">{percent(figures.withinOne)}</td>
      <td className="numeric">
        <Kappa value={figures.quadraticKappa} />
      </td>
    </>
  );
}

function essaysText(count: number): string {
  return `${count} graded ${count === 1 ? 'essay' : 'essays'}`;
}

export function AssistantAgreement({ agreement }: { agreement: AssignmentAgreement }) {
  const { essays, overall, criteria } = agreement;
  return (
    <section className="card" aria-labelledby="agreement-heading">
      <h2 id="agreement-heading">Rubric assistant agreement</h2>
      <p className="prose">
        How often the level you chose matched the one the assistant suggested, on the essays you graded after it made its
        suggestions. <strong>Exact</strong> is the same level, <strong>within one level</strong> at most one apart;{' '}
        <strong>quadratic weighted kappa</strong> discounts agreement that chance alone would give and counts near misses less: 1 is
        perfect agreement, 0 no better than chance.
      </p>
      {essays === 0 ? (
        <p>
          Nothing to compare yet. The figures appear once you grade essays whose suggestions you have opened in the grading view.
        </p>
      ) : essays < MEANINGFUL_AGREEMENT_ESSAYS ? (
        <p className="notice notice-info">
          Not yet meaningful: only {essaysText(essays)} can be compared, and the figures need at least {MEANINGFUL_AGREEMENT_ESSAYS} before
          they say much.
        </p>
      ) : (
        <div className="table-wrap">
          <table className="data-table agreement-table">
            <caption>Agreement on {essaysText(essays)}, per criterion and overall</caption>
            <thead>
              <tr>
                <th scope="col">Criterion</th>
                <th scope="col" className="numeric">
                  Levels compared
                </th>
                <th scope="col" className="numeric">
                  Exact
                </th>
                <th scope="col" className="numeric">
                  Within one level
                </th>
                <th scope="col" className="numeric">
                  Quadratic weighted kappa
                </th>
              </tr>
            </thead>
            <tbody>
              {criteria.map((criterion) => (
                <tr key={criterion.criterionId}>
                  <th scope="row">{criterion.title}</th>
                  <FigureCells figures={criterion.figures} />
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">All criteria</th>
                <FigureCells figures={overall} />
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </section>
  );
}
