import { useState } from 'react';
import { api, ApiError, type Schemas } from '../api/client.ts';
import { useT, type Text } from '../app/i18n.tsx';
import { Button } from '../ui/ui.tsx';

export type PopulationPerson = Schemas['PopulationPerson'];

const m = {
  fill: {
    vi: 'Điền từ Cơ sở dữ liệu quốc gia về dân cư',
    en: 'Fill from the national population database',
  },
  filling: { vi: 'Đang hỏi CSDL quốc gia về dân cư…', en: 'Asking the national population database…' },
  filled: {
    vi: 'Đã điền thông tin của bạn từ CSDL quốc gia về dân cư. Hãy kiểm tra lại.',
    en: 'Your details were filled in from the national population database. Please check them.',
  },
  notFound: {
    vi: 'CSDL quốc gia về dân cư không có số định danh của tài khoản này. Hãy tự điền thông tin.',
    en: 'The national population database has no record for your account’s ID number. Please fill in your details yourself.',
  },
  unavailable: {
    vi: 'CSDL quốc gia về dân cư chưa trả lời. Hãy thử lại sau hoặc tự điền thông tin.',
    en: 'The national population database did not answer. Try again later or fill in your details yourself.',
  },
} satisfies Record<string, Text>;

/**
 * Prefill of the applicant step from the citizen's own record in the national population
 * database (GET /api/me/population-profile: the server looks up the account's ID number only).
 */
export function PopulationPrefill({ onFill }: { onFill: (person: PopulationPerson) => void }) {
  const t = useT();
  const [state, setState] = useState<'idle' | 'busy' | 'filled' | 'notFound' | 'unavailable'>('idle');
  async function fill() {
    setState('busy');
    try {
      onFill(await api<PopulationPerson>('/api/me/population-profile'));
      setState('filled');
    } catch (error) {
      setState(error instanceof ApiError && error.status === 404 ? 'notFound' : 'unavailable');
    }
  }
  const message =
    state === 'busy'
      ? m.filling
      : state === 'filled'
        ? m.filled
        : state === 'notFound'
          ? m.notFound
          : state === 'unavailable'
            ? m.unavailable
            : undefined;
  return (
    <div className="c-population-prefill">
      <Button variant="secondary" isBusy={state === 'busy'} onClick={() => void fill()}>
        {t(m.fill)}
      </Button>
      <p role="status" aria-live="polite">
        {message ? t(message) : null}
      </p>
    </div>
  );
}
