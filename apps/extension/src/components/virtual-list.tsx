import type { ComponentChildren } from "preact";
import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";

/**
 * A windowed list of fixed-height rows: only the rows in view (plus a few either side) are in the
 * DOM, so 100,000 rows scroll as smoothly as 100. Rows are absolutely positioned inside a spacer
 * as tall as the whole list; the scroll container keeps native scrolling and keyboard paging.
 */
export function VirtualList<T>({
  items,
  rowHeight,
  renderRow,
  overscan = 8,
  label,
  testId,
}: {
  items: readonly T[];
  rowHeight: number;
  renderRow: (item: T, index: number) => ComponentChildren;
  overscan?: number;
  label: string;
  testId?: string;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    setHeight(el.clientHeight || 600);
    const observer = new ResizeObserver(() => setHeight(el.clientHeight || 600));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  // A new list (another filter) starts at the top rather than in the middle of nowhere.
  useEffect(() => {
    if (scroller.current && scroller.current.scrollTop > items.length * rowHeight) scroller.current.scrollTop = 0;
  }, [items, rowHeight]);
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(items.length, Math.ceil((scrollTop + height) / rowHeight) + overscan);
  const rows: ComponentChildren[] = [];
  for (let i = first; i < last; i++) {
    rows.push(
      <div key={i} role="row" aria-rowindex={i + 2} class="vrow" style={{ transform: `translateY(${i * rowHeight}px)`, height: `${rowHeight}px` }}>
        {renderRow(items[i]!, i)}
      </div>,
    );
  }
  let frame = 0;
  return (
    <div
      ref={scroller}
      class="vlist"
      role="rowgroup"
      aria-label={label}
      data-testid={testId}
      onScroll={(e) => {
        const top = e.currentTarget.scrollTop;
        cancelAnimationFrame(frame);
        frame = requestAnimationFrame(() => setScrollTop(top));
      }}
    >
      <div style={{ height: `${items.length * rowHeight}px`, position: "relative" }}>{rows}</div>
    </div>
  );
}
