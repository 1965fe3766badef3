import { render } from "preact";
import "../../styles/app.css";
import { DashboardView } from "../../views/dashboard-view.tsx";

// The dashboard bench measures time to the first rows from here: the code is loaded and running.
performance.mark("leadpane:boot");
render(<DashboardView />, document.getElementById("app")!);
