import { signOut } from "../session/sign-in.ts";
import { describeAdminError } from "./admin-rules.ts";

/** An admin screen's failure in words; when this browser was signed out remotely, a way to sign out here too. */
export function AdminError({ error }: { error: unknown }) {
  if (!error) return null;
  const { message, signedOut } = describeAdminError(error);
  return (
    <div
      class={`notice stack ${signedOut ? "danger" : ""}`}
      role="alert"
      data-testid={signedOut ? "admin-signed-out" : "admin-error"}
    >
      <span class={signedOut ? "" : "error"}>{message}</span>
      {signedOut && (
        <div>
          <button type="button" onClick={() => void signOut()}>
            Sign out of this browser
          </button>
        </div>
      )}
    </div>
  );
}
