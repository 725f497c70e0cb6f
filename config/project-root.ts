/**
 * The project's root folder (where package.json, .next and .bin are). This file sits one folder
 * below the root, and so does the server bundle (`.build/`) it ends up in: the same expression
 * holds whether the server runs from source (tsx) or from the bundle.
 */
import { resolve } from 'node:path';

export const PROJECT_ROOT = resolve(import.meta.dirname, '..');
