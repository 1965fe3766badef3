import type { InferResponseType } from "hono/client";
import type { ApiClient } from "@leadpane/api/client";
import { apiForSession, readJson } from "../api.ts";
import type { Session } from "../chrome-storage.ts";

/** One week's kept forecast with what has closed won since (`GET /v1/reports/forecast/snapshots`). */
export type ForecastSnapshot = InferResponseType<
  ApiClient["v1"]["reports"]["forecast"]["snapshots"]["$get"],
  200
>["items"][number];

/** The weekly forecast snapshots the server keeps (they live only there: the view needs a connection for them). */
export async function readForecastSnapshots(session: Session): Promise<ForecastSnapshot[]> {
  return (await readJson(apiForSession(session).v1.reports.forecast.snapshots.$get())).items;
}
