import { unaccented } from '../notification/notification-templates.ts';

/**
 * Commands a citizen can send to the official account (Zalo) or the SMS short code, in
 * Vietnamese with or without diacritics, or in English:
 *   "TRA CUU <mã hồ sơ> <mã tra cứu>" | "TT …" | "status …"  → status of a dossier
 *   "NOP <mã thủ tục>" | "apply …"                             → link to start a dossier
 *   "BO SUNG <mã hồ sơ> <mã tra cứu>" | "supplement …"          → link to send documents
 *   anything else                                              → help
 */
export type ChatCommand =
  | { kind: 'status'; code: string; secret: string }
  | { kind: 'apply'; procedureCode: string }
  | { kind: 'supplement'; code: string; secret: string }
  | { kind: 'help' };

const DOSSIER_CODE = /^[0-9A-Z.]{3,40}-\d{6}-\d{4,}$/;
const SECRET = /^[A-Z0-9]{4,12}$/;
const PROCEDURE_CODE = /^[0-9]+\.[0-9]{6}(\.[0-9A-Z]+)?$/;

export function parseChatCommand(text: string): ChatCommand {
  const words = unaccented(text).toUpperCase().replace(/[,;:]/g, ' ').trim().split(/\s+/).filter(Boolean);
  const rest = (n: number) => words.slice(n);
  let kind: 'status' | 'apply' | 'supplement' | null = null;
  let args: string[] = [];
  if (words[0] === 'TRA' && words[1] === 'CUU') [kind, args] = ['status', rest(2)];
  else if (words[0] === 'TRACUU' || words[0] === 'TT' || words[0] === 'STATUS')
    [kind, args] = ['status', rest(1)];
  else if (words[0] === 'NOP' || words[0] === 'APPLY') [kind, args] = ['apply', rest(1)];
  else if (words[0] === 'BO' && words[1] === 'SUNG') [kind, args] = ['supplement', rest(2)];
  else if (words[0] === 'BOSUNG' || words[0] === 'SUPPLEMENT') [kind, args] = ['supplement', rest(1)];
  if (kind === 'apply') {
    const code = args[0];
    return code && PROCEDURE_CODE.test(code) ? { kind, procedureCode: code } : { kind: 'help' };
  }
  if (kind === 'status' || kind === 'supplement') {
    const [code, secret] = args;
    if (code && secret && DOSSIER_CODE.test(code) && SECRET.test(secret)) return { kind, code, secret };
  }
  return { kind: 'help' };
}
