import { extractText, getDocumentProxy } from 'unpdf';

/** A PDF's text, page by page, read back with a pure-JS parser (pdf.js through unpdf): proof that it opens. */
export async function pdfPages(bytes: Uint8Array): Promise<string[]> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(pdf, { mergePages: false });
  return text;
}
