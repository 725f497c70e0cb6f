/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Loaded from node_modules at run time, so the custom server and Next's route
  // handlers share one ltijs singleton and one driver.
  serverExternalPackages: ['ltijs', 'mongodb', 'mongoose'],
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          // Page URLs may carry a one-time ticket for a moment: never send them to other sites.
          { key: 'Referrer-Policy', value: 'no-referrer' },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
        ],
      },
      {
        // The admin page is first-party only: never inside another site's frame (the custom
        // server's Content-Security-Policy says `frame-ancestors 'none'` for it as well).
        source: '/admin/:path*',
        headers: [{ key: 'X-Frame-Options', value: 'DENY' }],
      },
      {
        source: '/admin',
        headers: [{ key: 'X-Frame-Options', value: 'DENY' }],
      },
    ];
  },
};

export default nextConfig;
