import { render } from "preact";
import "../../styles/app.css";
import { DashboardView } from "../../views/dashboard-view.tsx";

render(<DashboardView />, document.getElementById("app")!);
