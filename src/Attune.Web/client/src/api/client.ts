// The app's own calls to /api/v1, typed from the OpenAPI document: `npm run generate` (the first step of
// every client build) turns the committed snapshot openapi/v1.json into schema.d.ts, so a change to
// the API that this code does not follow fails `dotnet build`.
import createClient from "openapi-fetch";
import type { components, paths } from "./schema";

/** With the signed-in browser's session cookie, on this origin only; never an access token. */
export const api = createClient<paths>({ baseUrl: location.origin, credentials: "same-origin" });

export type Schemas = components["schemas"];
