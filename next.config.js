// Next.js configuration: no telemetry, no remote fonts or images, strict React.
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  images: { unoptimized: true },
  // Native and pooled database drivers load from node_modules at run time instead of being bundled.
  serverExternalPackages: ["better-sqlite3", "pg"],
};

export default nextConfig;
