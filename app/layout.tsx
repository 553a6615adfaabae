import type { Metadata, Viewport } from 'next';
import { connection } from 'next/server';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Haven', template: '%s · Haven' },
  description: 'Rent collection and property management on M-Pesa',
  // Small enough for a cheap phone on a slow network: one SVG icon, and a manifest so Haven can sit on the home screen.
  icons: { icon: { url: '/favicon.svg', type: 'image/svg+xml' } },
  manifest: '/manifest.webmanifest',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#13803b' };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page is rendered per request: the CSP nonce (set by proxy.ts) differs each time, and a page prerendered
  // at build time would carry scripts without it, which the browser would refuse to run.
  await connection();
  return (
    <html lang="en-KE">
      <body className="min-h-dvh">{children}</body>
    </html>
  );
}
