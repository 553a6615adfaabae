import QRCode from 'qrcode';

/** The receipt's QR code: its verification link, with error correction M (survives a crease or a smudge). */
const options = { errorCorrectionLevel: 'M', margin: 2 } as const;

export async function qrPng(text: string, width = 240): Promise<Uint8Array> {
  return new Uint8Array(await QRCode.toBuffer(text, { ...options, type: 'png', width }));
}

export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { ...options, type: 'svg' });
}
