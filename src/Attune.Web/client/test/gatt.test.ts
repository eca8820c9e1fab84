// The browser's GATT parser against the byte cases the engine's decoder is tested with (tests/Shared/gatt-cases.json).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { decodeHeartRateMeasurement } from "../src/live/gatt";

interface Cases {
  valid: { name: string; bytes: number[]; heartRate: number; contact: string; energyKj: number | null; rrMs: number[] }[];
  invalid: { name: string; bytes: number[] }[];
}
const cases = JSON.parse(readFileSync(join(import.meta.dirname, "../../../../tests/Shared/gatt-cases.json"), "utf8")) as Cases;

test("there are shared cases to agree on", () => {
  assert.ok(cases.valid.length >= 10);
  assert.ok(cases.invalid.length >= 8);
});

for (const c of cases.valid) {
  test(`valid: ${c.name}`, () => {
    const r = decodeHeartRateMeasurement(new Uint8Array(c.bytes));
    assert.ok(r.ok, r.ok ? "" : r.error);
    assert.deepEqual(r.value, { heartRate: c.heartRate, contact: c.contact, energyKj: c.energyKj, rrMs: c.rrMs });
  });
}

for (const c of cases.invalid) {
  test(`invalid: ${c.name}`, () => {
    const r = decodeHeartRateMeasurement(new Uint8Array(c.bytes));
    assert.equal(r.ok, false);
    if (!r.ok) assert.ok(r.error.length > 0);
  });
}

test("a DataView from Web Bluetooth, offset into its buffer, reads the same", () => {
  const buffer = new Uint8Array([9, 9, 0x16, 64, 0xa9, 0x03]).buffer;
  const r = decodeHeartRateMeasurement(new DataView(buffer, 2));
  assert.ok(r.ok);
  assert.deepEqual(r.value.rrMs, [(0x3a9 * 1000) / 1024]);
});
