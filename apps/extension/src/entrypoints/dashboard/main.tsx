import { render } from "preact";
import "../../styles/app.css";
import { DashboardView } from "../../views/dashboard-view.tsx";
import { markTiming } from "../../test-seam.ts";

// The dashboard bench measures time to the first rows from here: the code is loaded and running.
markTiming("boot");
render(<DashboardView />, document.getElementById("app")!);
