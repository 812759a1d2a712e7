export * from './payment-fees.ts';
export * from './vietqr.ts';
