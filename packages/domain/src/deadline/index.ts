export * from './deadline-types.ts';
export * from './compute-deadline.ts';
export * from './explain-deadline.ts';
