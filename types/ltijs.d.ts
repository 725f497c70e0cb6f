/** The parts of ltijs 5.9 that Inkwell uses; ltijs ships no type declarations. */
declare module 'ltijs' {
  import type { Express, NextFunction, Request, Response } from 'express';

  export interface LtijsPlatform {
    platformUrl(): Promise<string>;
    platformClientId(): Promise<string>;
    platformName(): Promise<string>;
    platformKid(): Promise<string>;
    platformPrivateKey(): Promise<string>;
    platformActive(active?: boolean): Promise<boolean>;
    platformAccessTokenEndpoint(): Promise<string>;
    platformAuthEndpoint(): Promise<string>;
    platformAuthConfig(): Promise<{ method: 'JWK_SET' | 'JWK_KEY' | 'RSA_KEY'; key: string }>;
    platformAccessToken(scopes: string): Promise<{ access_token: string; token_type: string; expires_in?: number }>;
  }

  /** What ltijs hands to onConnect: the validated id_token, reshaped. */
  export interface LtijsToken {
    iss: string;
    user: string;
    userInfo?: { given_name?: string; family_name?: string; name?: string; email?: string };
    platformInfo?: { guid?: string; name?: string; product_family_code?: string };
    clientId: string;
    platformId?: string;
    deploymentId: string;
    platformContext: {
      contextId: string;
      user: string;
      context?: { id: string; label?: string; title?: string; type?: string[] };
      resource?: { id: string; title?: string; description?: string };
      messageType?: string;
      version?: string;
      roles?: unknown[];
      targetLinkUri?: string;
      custom?: Record<string, unknown>;
      launchPresentation?: { document_target?: string; return_url?: string; locale?: string };
      endpoint?: { scope?: string[]; lineitems?: string; lineitem?: string };
      namesRoles?: { context_memberships_url?: string; service_versions?: string[] };
      deepLinkingSettings?: Record<string, unknown>;
    };
  }

  export type LtijsCallback = (token: LtijsToken, req: Request, res: Response, next: NextFunction) => unknown;
  export type LtijsErrorCallback = (req: Request, res: Response, next: NextFunction) => unknown;

  export interface RegisterPlatformInput {
    url: string;
    name: string;
    clientId: string;
    authenticationEndpoint: string;
    accesstokenEndpoint: string;
    authorizationServer?: string;
    authConfig: { method: 'JWK_SET' | 'JWK_KEY' | 'RSA_KEY'; key: string };
  }

  export interface LtijsProvider {
    app: Express;
    setup(encryptionKey: string, database: { url: string; connection?: Record<string, unknown> }, options: Record<string, unknown>): LtijsProvider;
    deploy(options: { serverless: boolean; silent?: boolean }): Promise<true>;
    close(options?: { silent?: boolean }): Promise<true>;
    onConnect(cb: LtijsCallback): true;
    onDeepLinking(cb: LtijsCallback): true;
    onInvalidToken(cb: LtijsErrorCallback): true;
    onSessionTimeout(cb: LtijsErrorCallback): true;
    onUnregisteredPlatform(cb: LtijsErrorCallback): true;
    onInactivePlatform(cb: LtijsErrorCallback): true;
    registerPlatform(input: RegisterPlatformInput): Promise<LtijsPlatform>;
    getPlatform(url: string, clientId: string): Promise<LtijsPlatform | false>;
    getPlatform(url: string): Promise<LtijsPlatform[] | false>;
    deletePlatform(url: string, clientId: string): Promise<true>;
    Database: unknown;
  }

  const ltijs: { Provider: LtijsProvider };
  export default ltijs;
}
