'use client';

/** Shown for unexpected failures while rendering: calm words, no stack trace. */
export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <main id="main" className="page page-narrow">
      <div className="card">
        <h1>Something went wrong</h1>
        <p>Your saved work is safe. Please try again; if it keeps happening, open Inkwell again from your course.</p>
        <button type="button" className="button" onClick={reset}>
          Try again
        </button>
      </div>
    </main>
  );
}
