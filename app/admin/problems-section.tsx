import type { Problem } from '../../services/problems';
import { DateTime } from '../_components/date-time';
import { SimpleTable } from '../_components/simple-table';

const KIND_LABELS: Record<Problem['kind'], string> = {
  launch: 'Launch',
  passback: 'Grade passback',
  registration: 'Registration',
};

export function ProblemsSection({ problems }: { problems: Problem[] }) {
  return (
    <section className="card admin-section" aria-labelledby="problems-heading">
      <h2 id="problems-heading">Recent problems</h2>
      {problems.length === 0 ? (
        <p>No problems recorded recently.</p>
      ) : (
        <>
          <p className="prose">
            Refused launches, grades the LMS did not take and failed registrations, newest first. The reference matches
            the line in the server log.
          </p>
          <SimpleTable caption="Recent problems, newest first" hideCaption columns={['Time', 'Kind', 'Message', 'Issuer', 'Reference']}>
            {problems.map((problem, index) => (
              <tr key={`${new Date(problem.at).getTime()}-${index}`}>
                <td className="nowrap"><DateTime value={problem.at} /></td>
                <td>{KIND_LABELS[problem.kind] ?? problem.kind}</td>
                <td className="wrap-anywhere">{problem.message}</td>
                <td className="wrap-anywhere">{problem.issuer ?? '—'}</td>
                <td>{problem.reference ? <code>{problem.reference}</code> : '—'}</td>
              </tr>
            ))}
          </SimpleTable>
        </>
      )}
    </section>
  );
}
