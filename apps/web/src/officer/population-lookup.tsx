import { useState } from 'react';
import { api } from '../api/client.ts';
import { useT, type Text } from '../app/i18n.tsx';
import { problemText } from './officer-text.ts';

const m = {
  lookUp: { vi: 'Tra cứu CSDL dân cư', en: 'Look up in the population database' },
  looking: { vi: 'Đang tra cứu…', en: 'Looking up…' },
  found: {
    vi: 'Đã điền thông tin từ CSDL quốc gia về dân cư. Lần tra cứu được ghi nhật ký.',
    en: 'Filled in from the national population database. The lookup is logged.',
  },
} satisfies Record<string, Text>;

export interface PopulationPerson {
  idNumber: string;
  fullName: string;
  birthDate: string | null;
  permanentAddress: string | null;
}

/** Button next to the ID number at counter intake: prefills name, birth date and address (audited). */
export function PopulationLookupButton(props: { idNumber: string; onFound: (p: PopulationPerson) => void }) {
  const t = useT();
  const [state, setState] = useState<{ busy: boolean; message: string | null; isError: boolean }>({
    busy: false,
    message: null,
    isError: false,
  });
  const isValid = /^\d{12}$/.test(props.idNumber);
  async function lookUp() {
    setState({ busy: true, message: null, isError: false });
    try {
      const person = await api<PopulationPerson>(
        `/api/officer/population/${encodeURIComponent(props.idNumber)}`,
        { query: { purpose: 'counter_intake' } },
      );
      props.onFound(person);
      setState({ busy: false, message: t(m.found), isError: false });
    } catch (error) {
      setState({ busy: false, message: problemText(t, error), isError: true });
    }
  }
  return (
    <div className="population-lookup">
      <button type="button" className="btn" disabled={!isValid || state.busy} onClick={() => void lookUp()}>
        {state.busy ? t(m.looking) : t(m.lookUp)}
      </button>
      {state.message ? (
        <p role={state.isError ? 'alert' : 'status'} className={state.isError ? 'error' : 'hint'}>
          {state.message}
        </p>
      ) : null}
    </div>
  );
}
