export default function HomePage() {
  return (
    <main id="main" className="page page-narrow">
      <div className="card">
        <p className="eyebrow">Inkwell</p>
        <h1>Essay assignments with rubric grading, inside your LMS</h1>
        <p className="prose">
          Inkwell opens from a course in Canvas or Moodle. Students read the prompts and write their essays here;
          instructors grade them with a rubric, and the grades go to the LMS gradebook.
        </p>
        <p className="prose">To use it, open the Inkwell assignment from your course.</p>
      </div>
    </main>
  );
}
