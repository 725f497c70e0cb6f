import { ProblemPage } from './_components/problem-page';

export default function NotFound() {
  return (
    <ProblemPage title="Page not found">
      <p>This page does not exist. Open Inkwell from your course to reach your assignment.</p>
    </ProblemPage>
  );
}
