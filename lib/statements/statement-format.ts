import { z } from 'zod';

/** `?format=` of a statement download: CSV (the default, for spreadsheets) or PDF (to send or print). */
export const statementFormatSchema = z.enum(['csv', 'pdf'], { message: 'format must be csv or pdf' }).default('csv');
