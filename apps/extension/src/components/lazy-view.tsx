import type { ComponentType } from "preact";
import { useEffect, useState } from "preact/hooks";

/**
 * A view whose code loads the first time it is shown (a route-level split): the page opens without
 * it, shows "Loading <what>…" until its chunk has been read from the extension's files, and says so
 * plainly if it cannot be. Once loaded, it shows at once wherever it is used again.
 */
export function lazyView<P extends object>(load: () => Promise<ComponentType<P>>, what: string): ComponentType<P> {
  let loading: Promise<ComponentType<P>> | null = null;
  let loaded: ComponentType<P> | null = null;
  function LazyView(props: P) {
    const [view, setView] = useState<ComponentType<P> | null>(() => loaded);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (view) return;
      let shown = true;
      loading ??= load().then((component) => {
        loaded = component;
        return component;
      });
      loading.then(
        (component) => shown && setView(() => component),
        () => {
          // A later showing tries again.
          loading = null;
          if (shown) setFailed(true);
        },
      );
      return () => {
        shown = false;
      };
    }, [view]);
    if (failed) return <p class="error">The {what} could not be loaded. Reload the page to try again.</p>;
    if (!view)
      return (
        <div class="empty" aria-busy="true">
          Loading {what}…
        </div>
      );
    const View = view;
    return <View {...props} />;
  }
  return LazyView;
}
