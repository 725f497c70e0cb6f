import { defineConfig } from 'vitest/config';

// Separate runs, fastest first: pure units, the platform emulator on its own,
// integration through real HTTP against the real server and database, the 1EdTech
// certification cases (same set-up as integration), and the browser.
export default defineConfig({
  test: {
    projects: [
      {
        test: { name: 'unit', include: ['errors/**/*.test.ts', 'config/**/*.test.ts', 'domain/**/*.test.ts', 'lti/**/*.test.ts', 'services/**/*.test.ts', 'models/**/*.test.ts', 'app/**/*.test.ts', 'scripts/**/*.test.ts'] },
      },
      {
        test: { name: 'emulator', include: ['emulator/**/*.test.ts'], testTimeout: 20_000 },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
          setupFiles: ['tests/support/failure-logs.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'certification',
          include: ['tests/lti-certification/**/*.test.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
          setupFiles: ['tests/support/failure-logs.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
          setupFiles: ['tests/support/failure-logs.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // One browser at a time keeps a 2-core machine responsive.
          fileParallelism: false,
        },
      },
    ],
  },
});
