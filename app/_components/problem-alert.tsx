/** A sentence saying what did not work, announced at once (role="alert"); nothing when all is well. */
export function ProblemAlert({ problem }: { problem: string | null }) {
  return problem ? (
    <p className="notice notice-warn" role="alert">
      {problem}
    </p>
  ) : null;
}
