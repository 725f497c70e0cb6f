import type { PlatformOverview } from '../../services/platforms';
import { DateTime } from '../_components/date-time';

const VIA_LABELS: Record<PlatformOverview['registeredVia'], string> = {
  dynamic: 'Dynamic registration',
  manual: 'Manual registration',
  demo: 'Demo setup',
};

const SOURCE_LABELS: Record<PlatformOverview['deployments'][number]['source'], string> = {
  registration: 'from registration',
  manual: 'added by an admin',
  automatic: 'accepted automatically',
};

/** The hidden fields that tell each form which platform it acts on. */
function PlatformKey({ platform }: { platform: PlatformOverview }) {
  return (
    <>
      <input type="hidden" name="issuer" value={platform.issuer} />
      <input type="hidden" name="clientId" value={platform.clientId} />
    </>
  );
}

/** Names the platform for screen readers, after the visible button text. */
function For({ name }: { name: string }) {
  return <span className="visually-hidden"> ({name})</span>;
}

export function PlatformCard({ platform, idPrefix }: { platform: PlatformOverview; idPrefix: string }) {
  const active = platform.status === 'active';
  const id = (part: string) => `${idPrefix}-${part}`;
  return (
    <article className="card platform" aria-labelledby={id('name')}>
      <header className="platform-header">
        <h3 id={id('name')}>{platform.name}</h3>
        <span className="status-tag" data-status={platform.status}>
          {active ? 'Active' : 'Disabled'}
        </span>
      </header>

      <dl className="admin-facts">
        <div>
          <dt>Issuer</dt>
          <dd>
            <code>{platform.issuer}</code>
          </dd>
        </div>
        <div>
          <dt>Client ID</dt>
          <dd>
            <code>{platform.clientId}</code>
          </dd>
        </div>
        <div>
          <dt>LMS</dt>
          <dd>{platform.productFamily ?? 'Not known'}</dd>
        </div>
        <div>
          <dt>Registered</dt>
          <dd>
            {VIA_LABELS[platform.registeredVia]}, <DateTime value={platform.registeredAt} />
          </dd>
        </div>
        <div>
          <dt>Last launch</dt>
          <dd>{platform.lastLaunchAt ? <DateTime value={platform.lastLaunchAt} /> : 'No launch yet'}</dd>
        </div>
      </dl>

      <h4 id={id('deployments')}>Deployments</h4>
      {platform.deployments.length === 0 ? (
        <p>
          None yet.{' '}
          {platform.autoAcceptDeployments
            ? 'The first launch from each deployment adds it.'
            : 'Add the deployment ID the LMS shows, or accept new deployments automatically.'}
        </p>
      ) : (
        <ul className="deployments" aria-labelledby={id('deployments')}>
          {platform.deployments.map((d) => (
            <li key={d.deploymentId}>
              <code>{d.deploymentId}</code>{' '}
              <span className="meta-inline">
                {SOURCE_LABELS[d.source]}, <DateTime value={d.addedAt} />
              </span>
            </li>
          ))}
        </ul>
      )}

      <div className="platform-forms">
        <form method="post" action="/admin/platforms/deployments" className="admin-form">
          <PlatformKey platform={platform} />
          <div className="field">
            <label htmlFor={id('deployment-id')}>Deployment ID</label>
            <p className="hint" id={id('deployment-id-hint')}>
              The LMS shows it in the tool&apos;s details. Launches from a deployment not on the list are refused.
            </p>
            <input
              id={id('deployment-id')}
              name="deploymentId"
              type="text"
              required
              maxLength={255}
              spellCheck={false}
              autoComplete="off"
              aria-describedby={id('deployment-id-hint')}
            />
          </div>
          <button type="submit" className="button button-secondary">
            Add deployment
            <For name={platform.name} />
          </button>
        </form>

        <form method="post" action="/admin/platforms/auto-accept" className="admin-form">
          <PlatformKey platform={platform} />
          <div className="field checkbox-field">
            <input
              id={id('auto-accept')}
              name="autoAcceptDeployments"
              type="checkbox"
              value="on"
              defaultChecked={platform.autoAcceptDeployments}
              aria-describedby={id('auto-accept-hint')}
            />
            <label htmlFor={id('auto-accept')}>Accept new deployments automatically</label>
          </div>
          <p className="hint" id={id('auto-accept-hint')}>
            A launch from a deployment Inkwell has not seen is accepted and added to the list. Useful for Canvas, which
            makes a new deployment for each install.
          </p>
          <button type="submit" className="button button-secondary">
            Save
            <For name={platform.name} />
          </button>
        </form>

        <form method="post" action="/admin/platforms/status" className="admin-form">
          <PlatformKey platform={platform} />
          <input type="hidden" name="enabled" value={active ? 'false' : 'true'} />
          <p className="hint">
            {active
              ? 'A disabled platform cannot launch Inkwell or receive grades until it is enabled again. Nothing is deleted.'
              : 'This platform is disabled: its launches are refused and no grades are sent to it.'}
          </p>
          <button type="submit" className="button button-secondary">
            {active ? 'Disable platform' : 'Enable platform'}
            <For name={platform.name} />
          </button>
        </form>
      </div>

      <details className="danger-zone">
        <summary>Remove this platform</summary>
        <form method="post" action="/admin/platforms/remove" className="admin-form">
          <PlatformKey platform={platform} />
          <p>
            Removing deletes this registration and its deployments: launches from this LMS are refused and grades can no
            longer be sent to it. Essays and grades already in Inkwell are kept. To undo, the LMS has to be registered
            again.
          </p>
          <div className="field field-small">
            <label htmlFor={id('confirm')}>Type REMOVE to confirm</label>
            <input
              id={id('confirm')}
              name="confirm"
              type="text"
              required
              pattern="REMOVE"
              autoComplete="off"
              spellCheck={false}
              aria-describedby={id('confirm-hint')}
            />
            <p className="hint" id={id('confirm-hint')}>
              In capitals.
            </p>
          </div>
          <button type="submit" className="button button-danger">
            Remove platform
            <For name={platform.name} />
          </button>
        </form>
      </details>
    </article>
  );
}
