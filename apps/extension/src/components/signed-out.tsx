/** Shown when nobody is signed in: where to go. */
export function SignedOut() {
  return (
    <div class="empty stack" data-testid="signed-out">
      <p>Sign in to your team's workspace to capture leads.</p>
      <div>
        <button type="button" class="primary" onClick={() => void browser.runtime.openOptionsPage()}>
          Open settings
        </button>
      </div>
    </div>
  );
}
