// Turns the check-in form into the JSON body of POST /api/v1/checkins, the same fields the server
// reads from the form when JavaScript is off.
import type { Schemas } from "../api/client";

/** The API's own request type, generated from the OpenAPI document, with the parts this form always sends. */
export type CheckInBody = Schemas["CheckInRequest"] & {
  context: NonNullable<Schemas["CheckInRequest"]["context"]>;
  scales: NonNullable<Schemas["CheckInRequest"]["scales"]>;
};

const text = (data: FormData, name: string): string => (data.get(name) ?? "").toString().trim();

const split = (value: string, separator: string | RegExp): string[] =>
  value.split(separator).map((s) => s.trim()).filter((s) => s.length > 0);

function tags(data: FormData, chosen: string, own: string): string[] | undefined {
  const all = [...data.getAll(chosen).map(String), ...split(text(data, own), ",")];
  return all.length > 0 ? all : undefined;
}

function lines(data: FormData, name: string): string[] | undefined {
  const all = split(text(data, name), /\r?\n/);
  return all.length > 0 ? all : undefined;
}

export function checkInBody(form: HTMLFormElement): CheckInBody {
  const data = new FormData(form);
  const pairs = data.getAll("Form.Body").map(String);
  const regions = data.getAll("Form.BodyRegion").map(String);
  const sensations = data.getAll("Form.BodySensation").map(String);
  regions.forEach((region, i) => {
    const sensation = sensations[i] ?? "";
    if (region && sensation) pairs.push(`${region}:${sensation}`);
  });
  const body = pairs.map((pair) => {
    const [region = "", sensation = ""] = pair.split(":");
    return { region, sensation };
  });
  const stress = text(data, "Form.Stress");
  const sleep = text(data, "Form.SleepHours").replace(",", ".");
  const occurred = text(data, "Form.OccurredLocal");
  const context: CheckInBody["context"] = {};
  const who = tags(data, "Form.Who", "Form.OwnWho");
  const where = tags(data, "Form.Where", "Form.OwnWhere");
  const doing = tags(data, "Form.Doing", "Form.OwnDoing");
  const triggers = lines(data, "Form.Triggers");
  const glimmers = lines(data, "Form.Glimmers");
  if (who) context.who = who;
  if (where) context.where = where;
  if (doing) context.doing = doing;
  if (triggers) context.triggers = triggers;
  if (glimmers) context.glimmers = glimmers;
  const scales: CheckInBody["scales"] = {};
  if (stress) scales.stress = Number(stress);
  if (sleep) scales.sleepHours = Number(sleep);
  const note = (data.get("Form.Note") ?? "").toString();
  return {
    state: text(data, "Form.State") || null,
    intensity: Number(text(data, "Form.Intensity") || "5"),
    blend: text(data, "Form.Blend") || null,
    emotionIds: data.getAll("Form.Emotions").map(String),
    body,
    context,
    scales,
    note: note.length > 0 ? note : null,
    // A datetime-local value is wall-clock time in the browser's zone, which is the zone sent along.
    occurredAt: occurred ? new Date(occurred).toISOString() : new Date().toISOString(),
    timeZone: text(data, "Form.TimeZone") || null,
    visibility: text(data, "Form.Visibility") || null,
    idempotencyKey: text(data, "Form.IdempotencyKey") || null,
  };
}

export function newIdempotencyKey(): string {
  return crypto.randomUUID().replaceAll("-", "");
}
