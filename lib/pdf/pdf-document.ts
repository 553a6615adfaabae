import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';

/**
 * A small document builder on pdf-lib: a header with the agency's name on every page, key–value blocks, and tables
 * that break across pages with their header row repeated. A4, Helvetica (one of the PDF standard fonts, so nothing
 * is read from disk and the file opens everywhere). Text outside the fonts' WinAnsi set is transliterated.
 */

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 48;
const FOOTER = 28;
const INK = rgb(0.1, 0.12, 0.16);
const MUTED = rgb(0.4, 0.44, 0.5);
const RULE = rgb(0.85, 0.87, 0.9);
const BRAND = rgb(0.09, 0.42, 0.08);

export interface TableColumn {
  header: string;
  /** Share of the usable width; the shares of a table add up to 1. */
  width: number;
  align?: 'left' | 'right';
}

export interface PdfBuilder {
  heading(text: string): void;
  paragraph(text: string, options?: { size?: number; muted?: boolean }): void;
  keyValues(rows: [string, string][]): void;
  table(input: { columns: TableColumn[]; rows: string[][]; totals?: string[] }): void;
  image(png: Uint8Array, options: { size: number; caption?: string }): Promise<void>;
  /** A QR code drawn as squares (`size` points wide, quiet zone of `margin` modules included). */
  qr(matrix: { size: number; dark(row: number, col: number): boolean }, options: { size: number; margin: number; caption?: string }): void;
  gap(points: number): void;
  save(): Promise<Uint8Array>;
}

export async function createPdf({ title, agencyName, subtitle }: { title: string; agencyName: string; subtitle?: string }): Promise<PdfBuilder> {
  const doc = await PDFDocument.create();
  doc.setTitle(`${title} · ${agencyName}`);
  doc.setProducer('Haven');
  doc.setCreator('Haven');
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const supported = new Set(font.getCharacterSet());
  const clean = (text: string): string =>
    [...text].map((ch) => (supported.has(ch.codePointAt(0)!) ? ch : ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '')))
      .map((ch) => ([...ch].every((c) => supported.has(c.codePointAt(0)!)) ? ch : '?')).join('');
  const width = A4[0] - 2 * MARGIN;
  let page: PDFPage;
  let y = 0;

  const newPage = () => {
    page = doc.addPage(A4);
    y = A4[1] - MARGIN;
    page.drawText(clean(agencyName), { x: MARGIN, y: y - 12, size: 12, font: bold, color: BRAND });
    page.drawText(clean(title), { x: MARGIN, y: y - 34, size: 18, font: bold, color: INK });
    y -= 42;
    if (subtitle) {
      page.drawText(clean(subtitle), { x: MARGIN, y: y - 12, size: 10, font, color: MUTED });
      y -= 18;
    }
    page.drawLine({ start: { x: MARGIN, y: y - 6 }, end: { x: A4[0] - MARGIN, y: y - 6 }, thickness: 0.8, color: RULE });
    y -= 18;
  };
  const room = (needed: number) => {
    if (y - needed < MARGIN + FOOTER) newPage();
  };
  /** Splits text into lines that fit `max` points (a word longer than a line is cut). */
  const wrap = (text: string, f: PDFFont, size: number, max: number): string[] => {
    const lines: string[] = [];
    for (const paragraph of clean(text).split('\n')) {
      let line = '';
      for (const word of paragraph.split(/\s+/).filter(Boolean)) {
        const candidate = line ? `${line} ${word}` : word;
        if (f.widthOfTextAtSize(candidate, size) <= max) line = candidate;
        else {
          if (line) lines.push(line);
          let rest = word;
          while (f.widthOfTextAtSize(rest, size) > max && rest.length > 1) {
            let cut = rest.length - 1;
            while (cut > 1 && f.widthOfTextAtSize(rest.slice(0, cut), size) > max) cut--;
            lines.push(rest.slice(0, cut));
            rest = rest.slice(cut);
          }
          line = rest;
        }
      }
      lines.push(line);
    }
    return lines;
  };

  newPage();

  const builder: PdfBuilder = {
    heading(text) {
      room(30);
      y -= 8;
      page.drawText(clean(text), { x: MARGIN, y: y - 13, size: 13, font: bold, color: INK });
      y -= 22;
    },
    paragraph(text, { size = 10, muted = false } = {}) {
      for (const line of wrap(text, font, size, width)) {
        room(size + 4);
        page.drawText(line, { x: MARGIN, y: y - size, size, font, color: muted ? MUTED : INK });
        y -= size + 4;
      }
      y -= 4;
    },
    keyValues(rows) {
      const labelWidth = width * 0.34;
      for (const [label, value] of rows) {
        const lines = wrap(value, font, 10.5, width - labelWidth);
        room(lines.length * 14 + 6);
        page.drawText(clean(label), { x: MARGIN, y: y - 10.5, size: 10, font, color: MUTED });
        lines.forEach((line, i) => page.drawText(line, { x: MARGIN + labelWidth, y: y - 10.5 - i * 14, size: 10.5, font: i === 0 ? bold : font, color: INK }));
        y -= lines.length * 14 + 6;
      }
      y -= 4;
    },
    table({ columns, rows, totals }) {
      const size = 9.5;
      const lineHeight = 12;
      const pad = 4;
      const xs = columns.reduce<number[]>((acc, c, i) => [...acc, (acc[i] ?? MARGIN) + c.width * width], [MARGIN]);
      const drawRow = (cells: string[], f: PDFFont, shade: boolean) => {
        const wrapped = columns.map((c, i) => wrap(cells[i] ?? '', f, size, c.width * width - 2 * pad));
        const height = Math.max(...wrapped.map((w) => w.length)) * lineHeight + 2 * pad;
        return {
          height,
          draw: () => {
            if (shade) page.drawRectangle({ x: MARGIN, y: y - height, width, height, color: rgb(0.95, 0.96, 0.97) });
            wrapped.forEach((lines, i) => {
              const col = columns[i]!;
              lines.forEach((line, j) => {
                const textWidth = f.widthOfTextAtSize(line, size);
                const x = col.align === 'right' ? xs[i + 1]! - pad - textWidth : xs[i]! + pad;
                page.drawText(line, { x, y: y - pad - size - j * lineHeight + 2, size, font: f, color: INK });
              });
            });
            page.drawLine({ start: { x: MARGIN, y: y - height }, end: { x: MARGIN + width, y: y - height }, thickness: 0.5, color: RULE });
            y -= height;
          },
        };
      };
      const header = () => drawRow(columns.map((c) => c.header), bold, true);
      let h = header();
      room(h.height + lineHeight * 2);
      h.draw();
      for (const cells of rows) {
        const row = drawRow(cells, font, false);
        if (y - row.height < MARGIN + FOOTER) {
          newPage();
          h = header();
          h.draw();
        }
        row.draw();
      }
      if (totals) {
        const row = drawRow(totals, bold, true);
        room(row.height);
        row.draw();
      }
      y -= 10;
    },
    async image(png, { size, caption }) {
      const embedded = await doc.embedPng(png);
      room(size + (caption ? 16 : 0) + 6);
      page.drawImage(embedded, { x: MARGIN, y: y - size, width: size, height: size });
      y -= size + 4;
      if (caption) builder.paragraph(caption, { size: 8.5, muted: true });
    },
    qr(matrix, { size, margin, caption }) {
      room(size + (caption ? 16 : 0) + 6);
      const unit = size / (matrix.size + 2 * margin);
      const top = y - margin * unit;
      // One rectangle per run of dark modules in a row: a few hundred operators instead of one per module.
      for (let row = 0; row < matrix.size; row += 1) {
        for (let col = 0; col < matrix.size; ) {
          if (!matrix.dark(row, col)) {
            col += 1;
            continue;
          }
          const start = col;
          while (col < matrix.size && matrix.dark(row, col)) col += 1;
          // A hair wider and taller than the module, so no white seam shows between rects in a viewer.
          page.drawRectangle({ x: MARGIN + (margin + start) * unit, y: top - (row + 1) * unit, width: (col - start) * unit + 0.05, height: unit + 0.05, color: rgb(0, 0, 0) });
        }
      }
      y -= size + 4;
      if (caption) builder.paragraph(caption, { size: 8.5, muted: true });
    },
    gap(points) {
      y -= points;
    },
    async save() {
      const pages = doc.getPages();
      pages.forEach((p, i) => {
        const footer = clean(`${agencyName} · ${title} · page ${i + 1} of ${pages.length}`);
        p.drawText(footer, { x: MARGIN, y: MARGIN - 16, size: 8, font, color: MUTED });
      });
      return doc.save();
    },
  };
  return builder;
}
