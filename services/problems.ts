/** Problems an admin should see on the admin page: refused launches, grades the LMS did not take. */
import { listRecentProblems, pruneProblems, recordProblem, type Problem } from '../models/problems';

export type { Problem } from '../models/problems';

/** Never fails the caller: the log is a convenience, not part of the request. */
export function reportProblem(problem: Omit<Problem, 'at'>, at = new Date()): void {
  void recordProblem({ ...problem, message: problem.message.slice(0, 500), at }).catch(() => {});
}

export async function recentProblems(limit = 50): Promise<Problem[]> {
  return listRecentProblems(limit);
}

export async function pruneOldProblems(): Promise<void> {
  await pruneProblems();
}
