import { randomBytes } from "node:crypto";
import { serve } from "@hono/node-server";
import { count, eq } from "drizzle-orm";
import { createApp } from "./app.ts";
import { hashSecret } from "./auth/secrets.ts";
import { openDatabase } from "./db/client.ts";
import { serverSettings, workspaces } from "./db/schema.ts";
import { readEnv } from "./env.ts";
import { SETUP_TOKEN_KEY } from "./routes/workspaces.ts";
import { startForecastSnapshotJob } from "./reports/forecast-snapshots.ts";
import { startPurgeJob } from "./sync/purge.ts";
import { startWebhookWorker, webhookWorkerOptions } from "./webhooks/worker.ts";

const env = readEnv();
const database = await openDatabase(env.LEADPANE_DB_URL, env.LEADPANE_DB_AUTH_TOKEN);
const app = createApp({ database, env });
// Deleted records stay in the trash 30 days; this process purges older ones every hour.
const stopPurging = startPurgeJob(database);
// Each week's forecast is kept (reports' "forecast vs actual"): checked every hour.
const stopSnapshots = startForecastSnapshotJob(database);
// Webhooks: sends the outbox's due deliveries, resuming after a restart (their state is in the database).
const webhookWorker = startWebhookWorker(database, webhookWorkerOptions(env));

const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, async (info) => {
  const url = `http://${info.address === "::" ? "localhost" : info.address}:${info.port}`;
  console.log(
    JSON.stringify({ level: "info", msg: "listening", url, db: env.LEADPANE_DB_URL.replace(/\/\/[^@]*@/, "//***@") }),
  );
  const [{ n }] = (await database.db.select({ n: count() }).from(workspaces)) as [{ n: number }];
  if (env.LEADPANE_SIGNUP === "closed" && n === 0) {
    // First start of a closed server: one setup token, printed once, stored only as a hash.
    const [existing] = await database.db.select().from(serverSettings).where(eq(serverSettings.key, SETUP_TOKEN_KEY));
    if (!existing) {
      const token = randomBytes(18).toString("base64url");
      await database.db.insert(serverSettings).values({ key: SETUP_TOKEN_KEY, value: hashSecret(token) });
      console.log(`\nSign-up is closed. Setup token for the first workspace (shown once): ${token}\n`);
    } else {
      console.log("\nSign-up is closed. Use the setup token printed at first start to create the first workspace.\n");
    }
  }
});

function shutdown() {
  stopPurging();
  stopSnapshots();
  void webhookWorker.stop();
  server.close(() => {
    database.close();
    process.exit(0);
  });
  setTimeout(() => process.exit(0), 2000).unref();
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
