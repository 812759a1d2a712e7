import { httpCall } from './http-call.ts';
import { withSlash } from './sms.adapter.ts';

/**
 * The national population database (CSDL quốc gia về dân cư) as a read-only HTTP API:
 * `GET {url}/persons/{idNumber}` with a bearer token answers the person's record (field names of
 * the registry: soDinhDanh, hoVaTen, ngaySinh, gioiTinh, noiThuongTru, quocTich), 404 when the
 * ID number is unknown. The sandbox (`/population`) answers the same protocol with demo persons.
 */
export interface PopulationPerson {
  idNumber: string;
  fullName: string;
  /** YYYY-MM-DD. */
  birthDate: string | null;
  sex: 'male' | 'female' | null;
  permanentAddress: string | null;
  nationality: string | null;
}

export type PopulationLookup =
  | { outcome: 'found'; person: PopulationPerson }
  | { outcome: 'not_found' }
  | { outcome: 'unavailable'; message: string };

export interface PopulationRegistryAdapter {
  findPerson(idNumber: string): Promise<PopulationLookup>;
}

function text(v: unknown): string | null {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
}

export function createPopulationRegistryAdapter(settings: {
  url: string;
  token: string | undefined;
  timeoutMs: number;
}): PopulationRegistryAdapter {
  return {
    async findPerson(idNumber) {
      const url = new URL(`persons/${encodeURIComponent(idNumber)}`, withSlash(settings.url)).toString();
      try {
        const res = await httpCall(url, {
          method: 'GET',
          headers: settings.token ? { authorization: `Bearer ${settings.token}` } : {},
          timeoutMs: settings.timeoutMs,
          receiver: 'Population registry',
        });
        const body = (res.json ?? {}) as Record<string, unknown>;
        const fullName = text(body['hoVaTen']);
        if (text(body['soDinhDanh']) !== idNumber || !fullName) {
          return { outcome: 'unavailable', message: 'Population registry: unexpected answer' };
        }
        const sex = text(body['gioiTinh']);
        const birth = text(body['ngaySinh']);
        return {
          outcome: 'found',
          person: {
            idNumber,
            fullName,
            birthDate: birth && /^\d{4}-\d{2}-\d{2}$/.test(birth) ? birth : null,
            sex: sex === 'Nam' ? 'male' : sex === 'Nữ' ? 'female' : null,
            permanentAddress: text(body['noiThuongTru']),
            nationality: text(body['quocTich']),
          },
        };
      } catch (error) {
        const message = (error as Error).message;
        if (/answered HTTP 404\b/.test(message)) return { outcome: 'not_found' };
        return { outcome: 'unavailable', message };
      }
    },
  };
}
