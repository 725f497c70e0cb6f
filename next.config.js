/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Next loads every page and route module when it starts unless told not to: that is ~40 MB of
  // heap for routes a process may never serve (the rubric assistant's English model among them),
  // and a slower start. Each module loads on its route's first request instead.
  experimental: { preloadEntriesOnStart: false },
  reactStrictMode: true,
  // Loaded from node_modules at run time, so the custom server and Next's route
  // handlers share one ltijs singleton and one driver.
  serverExternalPackages: ['ltijs', 'mongodb', 'mongoose', 'pino', 'prom-client'],
  // Security headers are set in one place, server/security-headers.ts, which every request passes first.
};

export default nextConfig;
