/** A Buffer that alone owns its whole ArrayBuffer can be transferred; a slice of Node's pool cannot. */
export function ownsItsMemory(b: Uint8Array): boolean {
  return b.byteOffset === 0 && b.byteLength === b.buffer.byteLength && b.buffer instanceof ArrayBuffer;
}
