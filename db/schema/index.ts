export * from './agencies';
export * from './users';
export * from './properties';
export * from './leases';
export * from './ledger';
export * from './mpesa';
export * from './inbox';
export * from './mpesa-evidence';
