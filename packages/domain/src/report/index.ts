export * from './report-columns.ts';
export * from './report-definitions.ts';
export * from './report-facts.ts';
export * from './report-map.ts';
export * from './report-period.ts';
export * from './report-score.ts';
