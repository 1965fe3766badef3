import { render } from "preact";
import "../../styles/app.css";
import { PopupView } from "../../views/popup-view.tsx";

render(<PopupView />, document.getElementById("app")!);
