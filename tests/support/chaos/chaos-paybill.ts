import { SANDBOX_DEMO } from '../sandbox-process';
import { sleep } from './chaos-http';

/**
 * A payer paying into the paybill from their phone: the sandbox's C2B simulate, which moves the money and posts
 * validation and confirmation to the URLs the app registered. Tokens expire on purpose during a chaos run, and a
 * fault meant for the app can hit this client's token request: both are retried.
 */
export class Paybill {
  private token: string | null = null;

  constructor(private readonly sandboxUrl: string, private readonly shortcode: string = SANDBOX_DEMO.shortcode) {}

  private async fetchToken(): Promise<string> {
    const basic = Buffer.from(`${SANDBOX_DEMO.consumerKey}:${SANDBOX_DEMO.consumerSecret}`).toString('base64');
    for (let attempt = 0; ; attempt += 1) {
      const res = await fetch(`${this.sandboxUrl}/oauth/v1/generate?grant_type=client_credentials`, { headers: { authorization: `Basic ${basic}` } }).catch(() => null);
      if (res?.ok) return ((await res.json()) as { access_token: string }).access_token;
      if (attempt >= 10) throw new Error(`no sandbox token: ${res?.status ?? 'unreachable'}`);
      await sleep(200);
    }
  }

  /** True when M-Pesa accepted the payment request (the money moves unless the app's validation refuses it). */
  async pay({ amountKes, msisdn, accountReference }: { amountKes: number; msisdn: string; accountReference: string }): Promise<boolean> {
    for (let attempt = 0; attempt < 10; attempt += 1) {
      this.token ??= await this.fetchToken();
      const res = await fetch(`${this.sandboxUrl}/mpesa/c2b/v1/simulate`, {
        method: 'POST',
        headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ ShortCode: this.shortcode, CommandID: 'CustomerPayBillOnline', Amount: amountKes, Msisdn: msisdn, BillRefNumber: accountReference }),
      });
      const text = await res.text();
      if (res.ok) return true;
      // An expired token (404.001.03 / 401): get a new one and pay again; M-Pesa did nothing with this request.
      if (/Invalid Access Token/i.test(text)) this.token = null;
      else if (res.status < 500) return false;
      await sleep(200);
    }
    return false;
  }
}
