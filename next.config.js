// Next.js configuration: no telemetry, no remote fonts or images, strict React.

// Headers that never vary; the CSP, framing and HSTS depend on the request and are set in proxy.ts.
const everywhere = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "no-referrer" },
  {
    key: "Permissions-Policy",
    value:
      "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), " +
      "magnetometer=(), microphone=(), payment=(), usb=()",
  },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  images: { unoptimized: true },
  // Native and pooled database drivers load from node_modules at run time instead of being bundled.
  serverExternalPackages: ["better-sqlite3", "pg"],
  headers: async () => [{ source: "/:path*", headers: everywhere }],
};

export default nextConfig;
