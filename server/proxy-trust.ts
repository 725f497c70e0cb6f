/**
 * Which reverse proxies Inkwell believes. Express reads the client address
 * (X-Forwarded-For), scheme (X-Forwarded-Proto) and host (X-Forwarded-Host)
 * from those headers only when the connection comes from a trusted proxy
 * (`INKWELL_TRUST_PROXY`, loopback by default); from anyone else they are
 * ignored, so a client cannot pose as another address or as HTTPS.
 * ltijs's app, mounted under /lti, inherits the setting.
 */
import type { Express } from 'express';
import { trustedProxies } from '../services/config';

export function applyProxyTrust(app: Express): void {
  app.set('trust proxy', trustedProxies());
}
