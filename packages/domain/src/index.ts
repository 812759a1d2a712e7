/**
 * @motcua/domain: the pure core shared by the server and the web app. No I/O.
 */
export * from './time/local-time.ts';
export * from './calendar/index.ts';
export * from './deadline/index.ts';
export * from './organisation/organisation-schemas.ts';
export * from './catalog/catalog-schemas.ts';
export * from './catalog/catalog-rules.ts';
export * from './dossier/dossier-status.ts';
export * from './dossier/dossier-transitions.ts';
export * from './dossier/dossier-code.ts';
export * from './dossier/dossier-schemas.ts';
export * from './text/search-text.ts';
export * from './report/index.ts';
export * from './notification/notification-templates.ts';
export * from './chat/chat-commands.ts';
export * from './postal/postal-schemas.ts';
export * from './payment/index.ts';
