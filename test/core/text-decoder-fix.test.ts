// French mail from Outlook is windows-1252 (or labelled iso-8859-1, which means the same on the web): its
// ’ € œ … live in bytes 0x80–0x9F, which Node's TextDecoder turns into control characters (nodejs/node#56542).
import { expect, it } from 'vitest';
import { parseForReader, parseMessage, parseMessageFully } from '../../electron/core/parse/parse-message.js';
import { decodeWindows1252 } from '../../electron/core/parse/text-decoder-fix.js';

it('decodes the windows-1252 range 0x80–0x9F as the Encoding Standard says', () => {
  expect(decodeWindows1252(Uint8Array.of(0x80, 0x85, 0x8c, 0x92, 0x93, 0x94, 0x96, 0x9c, 0x9f))).toBe('€…Œ’“”–œŸ');
  expect(decodeWindows1252(Uint8Array.of(0x81, 0x8d, 0x8f, 0x90, 0x9d))).toBe('\x81\x8d\x8f\x90\x9d'); // unassigned: as is
  expect(decodeWindows1252(Buffer.from('Café', 'latin1'))).toBe('Café');
});

it('every parse path reads windows-1252 and iso-8859-1 French text correctly, headers included', async () => {
  // Importing parse-message installs the fix on the global decoder postal-mime uses.
  for (const label of ['windows-1252', 'iso-8859-1', 'latin1', 'us-ascii']) {
    expect(new TextDecoder(label).decode(Uint8Array.of(0x92, 0x80))).toBe('’€');
  }
  const body = Buffer.from('L\x92offre \x80 : 10\x80, c\x9cur\x85', 'latin1');
  const raw = Buffer.concat([
    Buffer.from('From: a@example.test\r\nSubject: =?windows-1252?Q?L=92=E9t=E9?=\r\nContent-Type: text/plain; charset="iso-8859-1"\r\nContent-Transfer-Encoding: 8bit\r\n\r\n'),
    body,
    Buffer.from('\r\n'),
  ]);
  const fast = await parseMessage(raw);
  expect(fast.body_text).toBe('L’offre € : 10€, cœur…\n');
  expect(fast.subject).toBe('L’été');
  expect(await parseMessageFully(raw)).toEqual(fast);
  expect((await parseForReader(raw)).text).toBe('L’offre € : 10€, cœur…\n');
});
