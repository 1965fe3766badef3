// Preloaded into the API process by the import bench (BENCH_SERVER_PROFILE=<file>): a CPU profile of
// the whole run, written when the process exits (NODE_OPTIONS refuses --cpu-prof).
const inspector = require("node:inspector");
const fs = require("node:fs");
const session = new inspector.Session();
session.connect();
session.post("Profiler.enable");
session.post("Profiler.setSamplingInterval", { interval: 500 });
session.post("Profiler.start");
process.on("exit", () => {
  session.post("Profiler.stop", (error, result) => {
    if (!error) fs.writeFileSync(process.env.PROF_OUT, JSON.stringify(result.profile));
  });
});
