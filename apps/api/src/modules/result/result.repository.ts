import type { DbExecutor } from '../../db/database.ts';

export async function insertIssuedResult(
  db: DbExecutor,
  row: {
    dossierId: string;
    dossierCode: string;
    applicantAccountId: string | null;
    applicantIdNumber: string | null;
    applicantName: string;
    resultNumber: string;
    summary: string;
    originalFileId: string | null;
    signedFileId: string | null;
    signedSha256: string | null;
    signingMode: 'embedded' | 'cover' | 'generated' | 'unsigned';
    signerName: string | null;
    signedAt: Date | null;
    issuedAt: Date;
    issuedBy: string | null;
  },
) {
  return db.insertInto('issuedResult').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findIssuedResultBySignedSha256(db: DbExecutor, sha256: string) {
  return db.selectFrom('issuedResult').selectAll().where('signedSha256', '=', sha256).executeTakeFirst();
}

export async function listIssuedResultsOfIdNumber(db: DbExecutor, idNumber: string) {
  return db
    .selectFrom('issuedResult')
    .selectAll()
    .where('applicantIdNumber', '=', idNumber)
    .orderBy('issuedAt', 'desc')
    .limit(200)
    .execute();
}

/** Results of an account: its own dossiers and any result issued to its ID number. */
export async function listIssuedResultsOfAccount(db: DbExecutor, accountId: string, idNumber: string | null) {
  return db
    .selectFrom('issuedResult')
    .selectAll()
    .where((eb) =>
      idNumber
        ? eb.or([eb('applicantAccountId', '=', accountId), eb('applicantIdNumber', '=', idNumber)])
        : eb('applicantAccountId', '=', accountId),
    )
    .orderBy('issuedAt', 'desc')
    .limit(200)
    .execute();
}

/** Component files the account submitted on its dossiers, newest first. */
export async function listSubmittedComponentFiles(db: DbExecutor, accountId: string) {
  return db
    .selectFrom('dossierFile as df')
    .innerJoin('dossier as d', 'd.id', 'df.dossierId')
    .innerJoin('fileObject as f', 'f.id', 'df.fileId')
    .leftJoin('dossierComponent as c', (j) =>
      j.onRef('c.dossierId', '=', 'df.dossierId').onRef('c.componentCode', '=', 'df.componentCode'),
    )
    .select([
      'df.fileId',
      'df.componentCode',
      'df.addedAt',
      'd.code as dossierCode',
      'c.name as componentName',
      'f.originalName',
      'f.contentType',
      'f.sizeBytes',
      'f.sha256',
    ])
    .where('d.applicantAccountId', '=', accountId)
    .where('df.purpose', 'in', ['component', 'supplement'])
    .orderBy('df.addedAt', 'desc')
    .limit(500)
    .execute();
}

export async function findAccountIdNumber(db: DbExecutor, accountId: string): Promise<string | null> {
  const r = await db
    .selectFrom('applicantAccount')
    .select('idNumber')
    .where('id', '=', accountId)
    .executeTakeFirst();
  return r?.idNumber ?? null;
}

export async function insertDocumentReuse(
  db: DbExecutor,
  row: {
    applicantAccountId: string;
    sourceFileId: string;
    newFileId: string;
    componentCode: string | null;
    reusedAt: Date;
  },
) {
  return db.insertInto('documentReuse').values(row).returningAll().executeTakeFirstOrThrow();
}
