'use client';

/** Prints the page; the print stylesheet (app/globals.css) leaves out everything but the essay and its feedback. */
export function PrintButton() {
  return (
    <button type="button" className="button button-secondary button-small print-hidden" onClick={() => window.print()}>
      Print feedback
    </button>
  );
}
