import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: "Licensedesk",
  description: "Find and fix Microsoft Entra ID users whose group-based licenses failed.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request: a prerendered page's scripts could not carry this request's CSP nonce.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-dvh">{children}</body>
    </html>
  );
}
