import type { Sandbox } from '../context';
import { GatewayError } from '../http';
import type { Organisation } from '../world/types';

/** SPEC §13.2: the Password must be base64(BusinessShortCode + Passkey + Timestamp). */
export function checkMerchant(sandbox: Sandbox, shortcode: string, password: string, timestamp: string): Organisation {
  const org = sandbox.world.organisations.get(shortcode);
  if (!org?.passkey) throw new GatewayError('500.001.1001', 'Merchant does not exist');
  const expected = Buffer.from(`${shortcode}${org.passkey}${timestamp}`, 'utf8').toString('base64');
  if (password !== expected) throw new GatewayError('500.001.1001', 'Wrong credentials');
  return org;
}
