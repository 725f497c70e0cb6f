/** Manual registration, for an LMS without Dynamic Registration: the values come from the LMS's tool settings. */

interface FieldProps {
  id: string;
  name: string;
  label: string;
  hint?: string;
  type?: 'text' | 'url';
  required?: boolean;
}

function Field({ id, name, label, hint, type = 'text', required = false }: FieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {required ? null : <span className="optional"> (optional)</span>}
      </label>
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <input
        id={id}
        name={name}
        type={type}
        required={required}
        maxLength={2000}
        spellCheck={false}
        autoComplete="off"
        aria-describedby={hintId}
      />
    </div>
  );
}

export function AddPlatformForm() {
  return (
    <section className="card admin-section" aria-labelledby="add-platform-heading">
      <h2 id="add-platform-heading">Add a platform manually</h2>
      <p className="prose">
        Only needed when the LMS cannot use a registration link. Register Inkwell in the LMS with the URLs above, then
        copy the LMS&apos;s values here. Adding a platform that is already registered updates its endpoints.
      </p>
      <form method="post" action="/admin/platforms/add" className="admin-form">
        <Field id="add-name" name="name" label="Name" hint="Shown on this page. Defaults to the issuer's host name." />
        <Field
          id="add-issuer"
          name="issuer"
          type="url"
          required
          label="Issuer (platform ID)"
          hint="For example https://canvas.instructure.com or your Moodle site's address."
        />
        <Field id="add-client-id" name="clientId" required label="Client ID" />
        <Field
          id="add-auth-endpoint"
          name="authorizationEndpoint"
          type="url"
          required
          label="Authorization endpoint"
          hint="Also called the authentication request URL or OIDC auth URL."
        />
        <Field id="add-token-endpoint" name="tokenEndpoint" type="url" required label="Token endpoint" hint="Also called the access token URL." />
        <Field id="add-jwks-url" name="jwksUrl" type="url" required label="JWKS URL" hint="The LMS's public keyset URL." />
        <Field
          id="add-authorization-server"
          name="authorizationServer"
          type="url"
          label="Authorization server"
          hint="Only if the LMS names one that differs from the token endpoint."
        />
        <Field
          id="add-deployment-ids"
          name="deploymentIds"
          label="Deployment IDs"
          hint="Separate several with commas."
        />
        <div className="field checkbox-field">
          <input
            id="add-auto-accept"
            name="autoAcceptDeployments"
            type="checkbox"
            value="on"
            aria-describedby="add-auto-accept-hint"
          />
          <label htmlFor="add-auto-accept">Accept new deployments automatically</label>
        </div>
        <p className="hint" id="add-auto-accept-hint">
          Launches from deployments not listed are then accepted and remembered.
        </p>
        <button type="submit" className="button">
          Add platform
        </button>
      </form>
    </section>
  );
}
