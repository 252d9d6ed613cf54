// Node's TextDecoder (20.x and later lines until nodejs/node#56542 is fixed) decodes windows-1252 — and the
// labels that mean it on the web: iso-8859-1, latin1, us-ascii — as Latin-1, so bytes 0x80–0x9F become C1
// control characters. French mail from Outlook is full of them: 0x92 ’, 0x80 €, 0x9C œ, 0x85 …. postal-mime
// and the fast reader decode through the global TextDecoder, so this module, when it detects the bug,
// replaces the global with a subclass that maps that range as the WHATWG Encoding Standard says.

const C1_TO_UNICODE = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];
const C1_CHARS = C1_TO_UNICODE.map((c) => String.fromCharCode(c));

type Input = ArrayBuffer | SharedArrayBuffer | ArrayBufferView | null | undefined;
// Derived from the runtime's own declaration: DOM and Node typings spell the argument differently.
type DecodeArgs = Parameters<InstanceType<typeof globalThis.TextDecoder>['decode']>;

function bytesOf(input: Input): Buffer {
  if (input === undefined || input === null) return Buffer.alloc(0);
  if (ArrayBuffer.isView(input)) return Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  return Buffer.from(input as ArrayBuffer);
}

/** windows-1252 as the Encoding Standard defines it (single byte: stateless, never fails). */
export function decodeWindows1252(input: Input): string {
  const latin1 = bytesOf(input).toString('latin1');
  return /[\x80-\x9f]/.test(latin1) ? latin1.replace(/[\x80-\x9f]/g, (c) => C1_CHARS[c.charCodeAt(0) - 0x80] as string) : latin1;
}

export function runtimeDecodesWindows1252Wrong(): boolean {
  return new TextDecoder('windows-1252').decode(Uint8Array.of(0x80, 0x92)) !== '€’';
}

let installed = false;

/** Idempotent; a no-op on a runtime without the bug. */
export function installTextDecoderFix(): void {
  if (installed || !runtimeDecodesWindows1252Wrong()) return;
  installed = true;
  const Native = globalThis.TextDecoder;
  class Windows1252AwareTextDecoder extends Native {
    override decode(...args: DecodeArgs): string {
      return this.encoding === 'windows-1252' ? decodeWindows1252(args[0]) : super.decode(...args);
    }
  }
  globalThis.TextDecoder = Windows1252AwareTextDecoder;
}
