import { describe, expect, it } from 'vitest';
import { pdfPages } from '@/tests/support/pdf-text';
import { renderTablePdf } from './table-pdf';

describe('table PDF', () => {
  it('breaks a long table across pages, repeats its header on each, and prints the totals once at the end', async () => {
    const rows = Array.from({ length: 140 }, (_, i) => [`2026-01-${String((i % 28) + 1).padStart(2, '0')}`, `Rent payment number ${i + 1} with a description long enough to wrap onto a second line in its cell`, `KES ${(i + 1) * 100}`]);
    const bytes = await renderTablePdf({
      title: 'Tenant statement',
      agencyName: 'Demo Properties',
      subtitle: 'Kilimani Heights A1 · 1 Jan – 31 Mar 2026',
      details: [['Tenant', 'Amina Wanjiru']],
      columns: [{ header: 'Date', width: 0.2 }, { header: 'Description', width: 0.55 }, { header: 'Amount', width: 0.25, align: 'right' }],
      rows,
      totals: ['', 'Total', 'KES 987,000'],
    });
    const pages = await pdfPages(bytes);
    expect(pages.length).toBeGreaterThan(2);
    pages.forEach((page, i) => {
      expect(page).toContain('Demo Properties');
      expect(page).toContain('Description');
      expect(page).toContain(`page ${i + 1} of ${pages.length}`);
    });
    expect(pages.filter((p) => p.includes('KES 987,000'))).toHaveLength(1);
    expect(pages.at(-1)).toContain('KES 987,000');
    const all = pages.join('\n');
    for (const n of [1, 70, 140]) expect(all).toContain(`Rent payment number ${n} `);
  });

  it('writes text outside the standard fonts as its nearest plain form instead of failing', async () => {
    const bytes = await renderTablePdf({ title: 'Statement', agencyName: 'Nyumba ✓ Zētu', columns: [{ header: 'Name', width: 1 }], rows: [['Wanjirũ “Mama” Ōkubo']] });
    const [page] = await pdfPages(bytes);
    expect(page).toContain('Nyumba ? Zetu');
    expect(page).toContain('Wanjiru “Mama” Okubo');
  });
});
