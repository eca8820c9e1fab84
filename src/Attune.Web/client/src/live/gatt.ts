// The Heart Rate Measurement characteristic (0x2A37), decoded by the same rules as the engine's
// src/Attune.Analysis/Parsing/HeartRateMeasurementDecoder.cs. Both are tested against one list of byte cases,
// tests/Shared/gatt-cases.json (client/test/gatt.test.ts here, HeartRateMeasurementDecoderTests there).
//
// Little-endian: flags (bit 0: uint16 heart rate; bits 1–2: sensor contact; bit 3: energy expended present; bit 4:
// RR intervals present; bits 5–7 ignored), heart rate, energy (uint16 kJ) if flagged, then RR intervals (uint16,
// 1/1024 s, converted to ms as raw·1000/1024). Empty, truncated or inconsistent packets and RR values of zero are errors.
import type { Contact } from "./heart-source";

export interface HeartRateMeasurement {
  heartRate: number;
  contact: Contact;
  energyKj: number | null;
  rrMs: number[];
}

export type GattResult = { ok: true; value: HeartRateMeasurement } | { ok: false; error: string };

export function decodeHeartRateMeasurement(packet: DataView | Uint8Array): GattResult {
  const view = packet instanceof DataView ? packet : new DataView(packet.buffer, packet.byteOffset, packet.byteLength);
  const length = view.byteLength;
  if (length === 0) return { ok: false, error: "empty Heart Rate Measurement packet" };
  const flags = view.getUint8(0);
  const hr16 = (flags & 0x01) !== 0;
  const contact: Contact = (flags & 0x04) === 0 ? "not-supported" : (flags & 0x02) !== 0 ? "detected" : "not-detected";
  const hasEnergy = (flags & 0x08) !== 0;
  const hasRr = (flags & 0x10) !== 0;
  let at = 1;
  const hrSize = hr16 ? 2 : 1;
  if (length < at + hrSize) {
    return { ok: false, error: `packet of ${length} byte(s) is truncated: the flags announce a ${8 * hrSize}-bit heart rate at byte 1` };
  }
  const heartRate = hr16 ? view.getUint16(at, true) : view.getUint8(at);
  at += hrSize;
  let energyKj: number | null = null;
  if (hasEnergy) {
    if (length < at + 2) return { ok: false, error: `packet of ${length} bytes is truncated: the flags announce energy expended at byte ${at}` };
    energyKj = view.getUint16(at, true);
    at += 2;
  }
  const rest = length - at;
  if (!hasRr) {
    if (rest !== 0) return { ok: false, error: `packet has ${rest} byte(s) after the announced fields` };
    return { ok: true, value: { heartRate, contact, energyKj, rrMs: [] } };
  }
  if (rest === 0 || rest % 2 !== 0) {
    return { ok: false, error: `packet announces RR intervals but has ${rest} byte(s) for them (a positive even number is needed)` };
  }
  const rrMs: number[] = [];
  for (let k = 0; k < rest / 2; k++) {
    const raw = view.getUint16(at + 2 * k, true);
    if (raw === 0) return { ok: false, error: `RR interval ${k} at byte ${at + 2 * k} is zero` };
    rrMs.push((raw * 1000) / 1024);
  }
  return { ok: true, value: { heartRate, contact, energyKj, rrMs } };
}
