// One Lighthouse run, in a plain Node process: Lighthouse sends functions to the page as their source text, and
// under tsx (which the benches run with) that text refers to a helper the page does not have.
// Usage: node lighthouse-audit.mjs <chrome debugging port> <url> <output json file>; a cookie comes in
// LIGHTHOUSE_COOKIE.
import { writeFileSync } from 'node:fs';
import lighthouse from 'lighthouse';

const [port, url, out] = process.argv.slice(2);
const cookie = process.env.LIGHTHOUSE_COOKIE;
const result = await lighthouse(url, {
  port: Number(port),
  output: 'json',
  logLevel: 'error',
  onlyCategories: ['performance', 'accessibility'],
  ...(cookie ? { extraHeaders: { Cookie: cookie } } : {}),
});
if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
writeFileSync(out, JSON.stringify(result.lhr));
