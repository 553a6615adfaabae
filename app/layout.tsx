import type { Metadata, Viewport } from 'next';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Haven', template: '%s · Haven' },
  description: 'Rent collection and property management on M-Pesa',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#13803b' };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en-KE">
      <body className="min-h-dvh">{children}</body>
    </html>
  );
}
