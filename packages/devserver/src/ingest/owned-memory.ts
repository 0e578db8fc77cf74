/**
 * The memory to transfer with a body: only a buffer that is all of it (a large request body,
 * concatenated), never a view into memory that other buffers share (Node's small-buffer pool).
 */
export function ownedMemory(body: Uint8Array): ArrayBuffer[] {
  const memory = body.buffer;
  return memory instanceof ArrayBuffer && body.byteOffset === 0 && body.byteLength === memory.byteLength
    ? [memory]
    : [];
}
