import { render } from "preact";
import "../../styles/app.css";
import { SettingsView } from "../../views/settings-view.tsx";

render(<SettingsView />, document.getElementById("app")!);
