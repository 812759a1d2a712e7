export * from './report-columns.ts';
export * from './report-definitions.ts';
export * from './report-score.ts';
