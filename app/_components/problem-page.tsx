/** A calm full page for when something stops the person: never a stack trace. */
export function ProblemPage({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <main id="main" className="page page-narrow">
      <div className="card">
        <h1>{title}</h1>
        {children}
      </div>
    </main>
  );
}

export function SessionEndedPage() {
  return (
    <ProblemPage title="Please open Inkwell again from your course">
      <p>Your Inkwell session has ended or this link is not valid. Your saved work is safe.</p>
      <p>Go back to your course in the LMS and open the assignment again.</p>
    </ProblemPage>
  );
}
