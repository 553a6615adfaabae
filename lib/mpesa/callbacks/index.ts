export * from './account-balance-result';
export * from './b2c-result';
export * from './c2b-notification';
export * from './queue-timeout';
export * from './result-envelope';
export * from './reversal-result';
export * from './stk-callback';
export * from './transaction-status-result';
export { type ParamValue } from './parse-helpers';
