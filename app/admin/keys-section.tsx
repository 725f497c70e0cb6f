import { overlapInWords } from './_lib/key-overlap';

export function KeysSection({ overlapMs, platformCount }: { overlapMs: number; platformCount: number }) {
  const overlap = overlapInWords(overlapMs);
  return (
    <section className="card admin-section" aria-labelledby="keys-heading">
      <h2 id="keys-heading">Signing keys</h2>
      <div className="prose">
        <p>
          Inkwell signs its requests to each LMS (grades, class lists) with a private key per platform. The LMS checks
          them with the public keys Inkwell publishes at <code>/lti/keys</code>.
        </p>
        <p>
          Rotating gives every platform a new key at once. Do it on a schedule, or straight away if you think a private
          key was exposed.{' '}
          {overlap
            ? `The old public keys stay published for ${overlap} (INKWELL_KEY_OVERLAP_HOURS), so an LMS that cached them keeps working; then they are removed.`
            : 'The overlap window is off (INKWELL_KEY_OVERLAP_HOURS is 0): the old public keys are removed within a minute.'}
        </p>
      </div>
      <form method="post" action="/admin/keys/rotate">
        <button type="submit" className="button button-secondary" disabled={platformCount === 0} aria-describedby={platformCount === 0 ? 'keys-none' : undefined}>
          Rotate signing keys
        </button>
        {platformCount === 0 ? (
          <p className="hint" id="keys-none">
            No platform is registered yet, so there are no keys to rotate.
          </p>
        ) : null}
      </form>
    </section>
  );
}
