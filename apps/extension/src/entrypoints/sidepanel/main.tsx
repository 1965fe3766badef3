import { render } from "preact";
import "../../styles/app.css";
import { SidePanelView } from "../../views/side-panel-view.tsx";

render(<SidePanelView />, document.getElementById("app")!);
