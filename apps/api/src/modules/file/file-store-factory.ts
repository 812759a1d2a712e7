import path from 'node:path';
import type { Config } from '../../config.ts';
import { createLocalFileStore, type FileStore } from './file-store.ts';
import { createS3FileStore, s3OptionsFromConfig } from './s3-file-store.ts';

/** The file store of a configuration: FILE_STORE=local (<data dir>/files) or s3 (ADR 0015). */
export function createConfiguredFileStore(config: Config): FileStore {
  if (config.FILE_STORE === 's3') return createS3FileStore(s3OptionsFromConfig(config));
  return createLocalFileStore(path.join(config.dataDir, 'files'));
}
