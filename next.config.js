/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Loaded from node_modules at run time, so the custom server and Next's route
  // handlers share one ltijs singleton and one driver.
  serverExternalPackages: ['ltijs', 'mongodb', 'mongoose', 'pino', 'prom-client'],
  // Security headers are set in one place, server/security-headers.ts, which every request passes first.
};

export default nextConfig;
