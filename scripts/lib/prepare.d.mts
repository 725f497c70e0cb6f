// Types for the plain-Node preparation steps, for the TypeScript that calls them (test set-up).
export const ROOT: string;
export const SERVER_BUNDLE: string;
export const CLI_BUNDLE: string;
export function ensureDependencies(): void;
export function ensureEmbeddedDatabase(): void;
export function ensureNextBuild(): void;
export function ensureServerBuild(): void;
export function ensureChromium(): string;
