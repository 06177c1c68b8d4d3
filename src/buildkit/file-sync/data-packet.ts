/**
 * fsutil DATA packets encoded by hand. File contents are most of what a build context sends; building them through
 * protobuf-es costs a copy of every byte, so the file is read straight into the message buffer instead.
 *
 * Wire form of Packet{type: PACKET_DATA (2), ID, data}: field 1 varint (0x08 0x02), field 3 varint (0x18 ID),
 * field 4 bytes (0x22 len data) — tonistiigi/fsutil types/wire.proto.
 */

/** Bytes reserved in front of the data for the header: 2 + (1 + 5) + (1 + 5), enough for 32-bit ID and length. */
export const dataHeaderReserve = 14;

function varintLength(n: number): number {
  let len = 1;
  while (n >= 0x80) {
    n = Math.floor(n / 128);
    len++;
  }
  return len;
}

function writeVarint(buf: Buffer, at: number, n: number): number {
  while (n >= 0x80) {
    buf[at++] = (n % 128) | 0x80;
    n = Math.floor(n / 128);
  }
  buf[at++] = n;
  return at;
}

/**
 * Writes the header right before `buffer[dataHeaderReserve, dataHeaderReserve + dataLength)` and returns the encoded
 * packet as a view of `buffer`. An empty data field is left out, as protobuf does for default values: that packet is
 * the end-of-file marker.
 */
export function encodeDataPacket(buffer: Buffer, id: number, dataLength: number): Buffer {
  const headerLength =
    2 + (id === 0 ? 0 : 1 + varintLength(id)) + (dataLength === 0 ? 0 : 1 + varintLength(dataLength));
  let at = dataHeaderReserve - headerLength;
  const start = at;
  buffer[at++] = 0x08;
  buffer[at++] = 0x02;
  if (id !== 0) {
    buffer[at++] = 0x18;
    at = writeVarint(buffer, at, id);
  }
  if (dataLength !== 0) {
    buffer[at++] = 0x22;
    writeVarint(buffer, at, dataLength);
  }
  return buffer.subarray(start, dataHeaderReserve + dataLength);
}
