import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { pdfPages } from '@/tests/support/pdf-text';
import { QR_MARGIN_MODULES, qrMatrix, qrPng } from './qr';
import { renderReceiptPdf } from './receipt-pdf';
import type { ReceiptView } from './receipt-view';

const receipt: ReceiptView = {
  id: 'b1f6c1de-0000-4000-8000-000000000001', agencyId: 'a', agencyName: 'Demo Properties', paybillShortcode: '174379', leaseId: 'l',
  amountCents: 3_150_000, method: 'mpesa_stk', mpesaReceiptNumber: 'UKL3ABC123', payerPhone: '254712345678',
  paidAt: new Date('2026-03-04T11:05:00Z'), createdAt: new Date('2026-03-04T11:05:01Z'), status: 'completed', reversedAt: null, tenantId: 't', tenantName: 'Amina Wanjiru',
  unitLabel: 'A1', propertyName: 'Kilimani Heights', accountReference: 'KH-A1', code: '7K3M9-QX2PD', verifyUrl: 'http://localhost:3000/r/7K3M9-QX2PD',
  reversed: false, correctionLabel: null, issuedAt: new Date('2026-03-04T11:05:01Z'), reference: null, methodLabel: 'M-Pesa (prompt)',
  allocations: [{ label: 'Rent February 2026', amountCents: 1_000_000 }, { label: 'Rent March 2026', amountCents: 2_000_000 }],
  allocatedCents: 3_000_000, creditCents: 150_000, balanceAfterCents: -150_000,
};

describe('receipt PDF', () => {
  it('opens, and reads back with the receipt numbers, the lines and totals of the receipt page', async () => {
    const [page, ...rest] = await pdfPages(await renderReceiptPdf(receipt));
    expect(rest).toHaveLength(0);
    for (const text of ['Demo Properties', 'Rent receipt', 'Receipt 7K3M9-QX2PD', 'UKL3ABC123', 'KES 31,500', 'Rent February 2026', 'KES 10,000', 'Rent March 2026', 'KES 20,000', 'Kept as credit', 'KES 1,500', 'Total paid', 'KES 1,500 in credit', 'Amina Wanjiru, 0712 345 678', 'Kilimani Heights, unit A1', '4 Mar 2026, 14:05 (Nairobi)', 'http://localhost:3000/r/7K3M9-QX2PD']) {
      expect(page, text).toContain(text);
    }
  });
  it('says Reversed once the payment was reversed, and still shows what it showed when issued', async () => {
    const [page] = await pdfPages(await renderReceiptPdf({ ...receipt, status: 'reversed', reversed: true, correctionLabel: 'Reversed', reversedAt: new Date('2026-03-05T09:00:00Z') }));
    expect(page).toContain('REVERSED');
    expect(page).toContain('Reversed on 5 Mar 2026, 12:00');
    expect(page).toContain('This payment was reversed: it no longer counts towards rent');
    expect(page).toContain('Rent February 2026');
  });
  it('encodes the verification link in its QR code', async () => {
    const png = PNG.sync.read(Buffer.from(await qrPng(receipt.verifyUrl)));
    expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(receipt.verifyUrl);
  });
  it('draws, in the PDF, the same modules that encode the verification link', () => {
    // The PDF draws qrMatrix as squares: rasterised the same way (4 px a module, the quiet zone white), it scans.
    const matrix = qrMatrix(receipt.verifyUrl);
    const scale = 4;
    const side = (matrix.size + 2 * QR_MARGIN_MODULES) * scale;
    const pixels = new Uint8ClampedArray(side * side * 4).fill(255);
    for (let y = 0; y < side; y += 1) {
      for (let x = 0; x < side; x += 1) {
        const row = Math.floor(y / scale) - QR_MARGIN_MODULES;
        const col = Math.floor(x / scale) - QR_MARGIN_MODULES;
        if (row >= 0 && col >= 0 && row < matrix.size && col < matrix.size && matrix.dark(row, col)) pixels.fill(0, (y * side + x) * 4, (y * side + x) * 4 + 3);
      }
    }
    expect(jsQR(pixels, side, side)?.data).toBe(receipt.verifyUrl);
  });
});
