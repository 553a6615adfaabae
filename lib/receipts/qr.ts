import QRCode from 'qrcode';

/** The receipt's QR code: its verification link, with error correction M (survives a crease or a smudge). */
const options = { errorCorrectionLevel: 'M', margin: 2 } as const;

/** Quiet zone around the symbol, in modules (the same as the PNG's `margin`). */
export const QR_MARGIN_MODULES = options.margin;

/** The symbol itself: `size` × `size` modules, `dark(row, col)` true for a black one. */
export interface QrMatrix {
  size: number;
  dark(row: number, col: number): boolean;
}

export async function qrPng(text: string, width = 240): Promise<Uint8Array> {
  return new Uint8Array(await QRCode.toBuffer(text, { ...options, type: 'png', width }));
}

export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { ...options, type: 'svg' });
}

/**
 * The modules alone, for documents that draw the code as vector shapes (the receipt PDF): no PNG to encode, and
 * none for pdf-lib to decode and deflate again — that round trip cost more CPU than the rest of a receipt email.
 */
export function qrMatrix(text: string): QrMatrix {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: options.errorCorrectionLevel });
  return { size: modules.size, dark: (row, col) => modules.get(row, col) === 1 };
}
