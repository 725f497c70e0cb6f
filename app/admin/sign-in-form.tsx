import { AdminMessages } from './admin-messages';

export function SignInForm({ notice, error }: { notice?: string; error?: string }) {
  return (
    <main id="main" className="page page-narrow admin">
      <header className="page-header">
        <p className="eyebrow">Inkwell</p>
        <h1>Admin sign-in</h1>
      </header>
      <AdminMessages notice={notice} error={error} />
      <form method="post" action="/admin/session" className="card admin-form">
        <div className="field">
          <label htmlFor="admin-password">Admin password</label>
          <p className="hint" id="admin-password-hint">
            The password set in INKWELL_ADMIN_PASSWORD. In development, Inkwell prints it when it starts.
          </p>
          <input
            id="admin-password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            aria-describedby="admin-password-hint"
            aria-invalid={error ? true : undefined}
          />
        </div>
        <button type="submit" className="button">
          Sign in
        </button>
      </form>
    </main>
  );
}
