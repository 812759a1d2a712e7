export * from './calendar-types.ts';
export * from './lunar.ts';
export * from './holidays.ts';
export * from './official-overrides.ts';
export * from './working-calendar.ts';
