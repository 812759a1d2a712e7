import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import type { FileStore } from '../modules/file/file-store.ts';

/** Injected clock (conventions §6): every time-dependent function takes `now` from here. */
export type Clock = () => Date;

export interface Logger {
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
  debug(obj: object | string, msg?: string): void;
}

/** The small dependency object services receive (no god base class). */
export interface AppContext {
  readonly db: Database;
  readonly config: Config;
  readonly clock: Clock;
  readonly files: FileStore;
  readonly logger: Logger;
}
