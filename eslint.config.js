import nextPlugin from '@next/eslint-plugin-next';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// Layering (docs/ARCHITECTURE.md): app → services → domain, models, lti. Never the reverse.
// errors/ (the error catalogue) sits below them all: every layer may import it, it imports nothing.
// Nothing outside tests/ may import from tests/. ESLint replaces (does not merge) a rule's options
// when several config blocks set it for one file, so every block carries this pattern too.
const testCode = {
  group: ['**/tests', '**/tests/*'],
  message: 'Only tests import from tests/: the demo LMS is emulator/, shared helpers belong outside tests/.',
};
const restrict = (patterns, message) => ['error', { patterns: [{ group: patterns, message }, testCode] }];

export default tseslint.config(
  { ignores: ['.next/**', '.build/**', 'node_modules/**', '.bin/**', '.data/**', 'next-env.d.ts', 'tools/**'] },
  ...tseslint.configs.recommended,
  {
    plugins: { '@next/next': nextPlugin, 'react-hooks': reactHooks },
    rules: {
      ...nextPlugin.configs.recommended.rules,
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.mjs'],
    ignores: ['tests/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [testCode] }] },
  },
  {
    files: ['emulator/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        ['**/app/*', '**/services/*', '**/models/*', '**/domain/*', '**/lti/*', '**/server', '**/server/*', 'next', 'next/*', 'ltijs', 'mongodb', 'express'],
        'emulator/ is an independent LMS: it shares no code with Inkwell, so it cannot hide a bug both sides have.',
      ),
    },
  },
  {
    files: ['app/**/*.ts', 'app/**/*.tsx'],
    rules: {
      'no-restricted-imports': restrict(
        ['**/models/*', '**/lti/*', 'ltijs', 'mongodb', 'express'],
        'app/ reaches data and LTI only through services/.',
      ),
    },
  },
  {
    files: ['errors/**/*.ts'],
    ignores: ['errors/**/*.test.ts'],
    rules: {
      'no-restricted-imports': restrict(
        ['../*', './*', 'node:*', 'next', 'next/*', 'react', 'express', 'ltijs', 'mongodb', 'zod'],
        'errors/ is the catalogue every layer imports, so it imports nothing.',
      ),
    },
  },
  {
    files: ['domain/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        ['next', 'next/*', 'express', 'ltijs', 'mongodb', 'node:*', '../models/*', '../lti/*', '../services/*', '../app/*'],
        'domain/ is pure classroom logic: no HTTP, LTI, database or Node APIs.',
      ),
    },
  },
  {
    files: ['lti/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        ['../domain/*', '../models/*', '../services/*', '../app/*', '../../domain/*', '../../models/*', '../../services/*', '../../app/*', 'next', 'next/*'],
        'lti/ speaks the LTI specs only; it knows nothing of the classroom or the app.',
      ),
    },
  },
  {
    files: ['models/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(['../services/*', '../app/*', '../lti/*', 'next', 'next/*'], 'models/ is storage only.'),
    },
  },
  {
    files: ['services/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(['../app/*', 'next', 'next/*'], 'services/ must not depend on the UI layer.'),
    },
  },
  {
    // One reading of each environment variable: config/environment.ts (server.ts and scripts/ set some at start).
    files: ['app/**/*.ts', 'app/**/*.tsx', 'services/**/*.ts', 'models/**/*.ts', 'lti/**/*.ts', 'server/**/*.ts', 'domain/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read environment variables through config/environment.ts.' },
      ],
    },
  },
);
