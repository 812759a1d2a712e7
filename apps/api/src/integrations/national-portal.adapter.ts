import { PermanentDeliveryError } from '../shared/delivery-error.ts';
import { httpCall } from './http-call.ts';
import { withSlash } from './sms.adapter.ts';

/**
 * The dossier record the national public service portal (DVCQG) receives on every state change.
 * Field names follow the DVCQG sync payload as quoted in the 766 formula document (domain.md
 * §2.2); the status is the national code 1–10 (§1.2), the channel KenhThucHien 1/2/3.
 */
export interface NationalDossierRecord {
  MaHoSo: string;
  MaTTHC: string;
  TrangThaiHoSo: number;
  KenhThucHien: 1 | 2 | 3;
  DonViTiepNhan: string;
  CoQuanThucHien: string;
  ChuHoSo: string;
  NgayNopHoSo: string;
  NgayTiepNhan: string | null;
  NgayHenTra: string | null;
  NgayHenTraBanDau: string | null;
  NgayKetThucXuLy: string | null;
  NgayTra: string | null;
  /** Dossier version: the portal keeps the highest it has seen, so late repeats change nothing. */
  PhienBan: number;
}

export interface NationalPortalAdapter {
  pushDossier(record: NationalDossierRecord): Promise<{ acknowledgedVersion: number }>;
}

export function createNationalPortalAdapter(settings: {
  url: string;
  token: string | undefined;
  timeoutMs: number;
}): NationalPortalAdapter {
  return {
    async pushDossier(record) {
      const res = await httpCall(new URL('dossiers/sync', withSlash(settings.url)).toString(), {
        body: record,
        headers: settings.token ? { authorization: `Bearer ${settings.token}` } : {},
        timeoutMs: settings.timeoutMs,
        receiver: 'National portal',
      });
      const answer = res.json as { ok?: unknown; version?: unknown } | undefined;
      if (answer?.ok !== true || typeof answer.version !== 'number') {
        throw new PermanentDeliveryError(`National portal: unexpected answer ${res.text.slice(0, 200)}`);
      }
      return { acknowledgedVersion: answer.version };
    },
  };
}
