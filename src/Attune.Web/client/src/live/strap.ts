// A Bluetooth heart-rate strap through Web Bluetooth: any device with the standard Heart Rate service (0x180D) and
// its Heart Rate Measurement characteristic (0x2A37): Polar H10, Garmin HRM, Wahoo TICKR, Movesense and others.
// Notifications are decoded by gatt.ts (the engine's rules); a malformed packet is skipped, never fatal.
import { decodeHeartRateMeasurement } from "./gatt";
import type { Beat, HeartSource } from "./heart-source";

// The slice of the Web Bluetooth API used here (it is not in TypeScript's DOM library).
interface CharacteristicLike extends EventTarget {
  value?: DataView;
  startNotifications(): Promise<CharacteristicLike>;
  stopNotifications(): Promise<CharacteristicLike>;
}
interface ServerLike {
  connected: boolean;
  connect(): Promise<ServerLike>;
  disconnect(): void;
  getPrimaryService(service: number): Promise<{ getCharacteristic(c: number): Promise<CharacteristicLike> }>;
}
interface DeviceLike extends EventTarget {
  name?: string;
  gatt?: ServerLike;
}
export interface BluetoothLike {
  requestDevice(options: { filters: { services: number[] }[] }): Promise<DeviceLike>;
  getAvailability?(): Promise<boolean>;
}

export const HEART_RATE_SERVICE = 0x180d;
export const HEART_RATE_MEASUREMENT = 0x2a37;

/** The browser's Web Bluetooth, or null where there is none (Firefox, Safari on iPhone and iPad, insecure pages). */
export function webBluetooth(): BluetoothLike | null {
  const bluetooth = (navigator as Navigator & { bluetooth?: BluetoothLike }).bluetooth;
  return window.isSecureContext && bluetooth && typeof bluetooth.requestDevice === "function" ? bluetooth : null;
}

/** Asks the person to pick a strap (the browser's own chooser; must run from a click). Rejects when they cancel. */
export async function requestStrap(bluetooth: BluetoothLike): Promise<HeartSource> {
  const device = await bluetooth.requestDevice({ filters: [{ services: [HEART_RATE_SERVICE] }] });
  return bluetoothStrap(device);
}

/** A HeartSource over a chosen device. start() may be called again after a disconnect to reconnect. */
export function bluetoothStrap(device: DeviceLike): HeartSource {
  let characteristic: CharacteristicLike | null = null;
  let stopping = false;
  let onValue: ((event: Event) => void) | null = null;
  let onGone: (() => void) | null = null;
  const detach = (): void => {
    if (characteristic && onValue) characteristic.removeEventListener("characteristicvaluechanged", onValue);
    if (onGone) device.removeEventListener("gattserverdisconnected", onGone);
    characteristic = null;
  };
  return {
    kind: "bluetooth",
    name: device.name?.trim() || "Heart-rate strap",
    async start(onBeat: (beat: Beat) => void, onEnd?: (reason: string) => void): Promise<void> {
      stopping = false;
      if (!device.gatt) throw new Error("This device does not offer a heart-rate connection.");
      const server = await device.gatt.connect();
      const service = await server.getPrimaryService(HEART_RATE_SERVICE);
      characteristic = await service.getCharacteristic(HEART_RATE_MEASUREMENT);
      onValue = (event: Event) => {
        const value = (event.target as CharacteristicLike).value;
        if (!value) return;
        const decoded = decodeHeartRateMeasurement(value);
        if (!decoded.ok) return;
        const m = decoded.value;
        onBeat({ at: performance.now(), heartRate: m.heartRate, rrMs: m.rrMs, contact: m.contact });
      };
      onGone = () => {
        detach();
        if (!stopping) onEnd?.("The strap disconnected. It may be out of range or its battery low.");
      };
      characteristic.addEventListener("characteristicvaluechanged", onValue);
      device.addEventListener("gattserverdisconnected", onGone);
      await characteristic.startNotifications();
    },
    stop(): void {
      stopping = true;
      const c = characteristic;
      detach();
      void c?.stopNotifications().catch(() => undefined);
      if (device.gatt?.connected) device.gatt.disconnect();
    },
  };
}
