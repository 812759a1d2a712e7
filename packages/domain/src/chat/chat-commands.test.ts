import { describe, expect, it } from 'vitest';
import { parseChatCommand } from './chat-commands.ts';

describe('chat commands', () => {
  it('reads status lookups with or without diacritics, in any case', () => {
    for (const text of [
      'Tra cứu 000.00.06.H56-260302-0001 ABC234',
      'TRA CUU 000.00.06.H56-260302-0001 abc234',
      'tt 000.00.06.H56-260302-0001 ABC234',
      '  status   000.00.06.h56-260302-0001, ABC234 ',
    ]) {
      expect(parseChatCommand(text)).toEqual({
        kind: 'status',
        code: '000.00.06.H56-260302-0001',
        secret: 'ABC234',
      });
    }
  });

  it('reads apply and supplement commands', () => {
    expect(parseChatCommand('Nộp 1.001612')).toEqual({ kind: 'apply', procedureCode: '1.001612' });
    expect(parseChatCommand('apply 1.000948.H38')).toEqual({ kind: 'apply', procedureCode: '1.000948.H38' });
    expect(parseChatCommand('Bổ sung T.SXD-260302-0001 K7M2PQ')).toEqual({
      kind: 'supplement',
      code: 'T.SXD-260302-0001',
      secret: 'K7M2PQ',
    });
  });

  it('answers help for anything else, including incomplete commands', () => {
    for (const text of [
      '',
      'xin chào',
      'tra cứu',
      'TT 000.00.06.H56-260302-0001',
      'nop abc',
      'TT 123 ABC234',
      'bo sung X Y',
    ]) {
      expect({ text, cmd: parseChatCommand(text) }).toEqual({ text, cmd: { kind: 'help' } });
    }
  });
});
