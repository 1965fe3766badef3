import type { ComponentChildren } from "preact";
import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";

/**
 * A windowed table body of fixed-height rows: only the rows in view (plus a few either side) are in
 * the DOM, so 100,000 rows scroll as smoothly as 100. The body is the scroll container, keeping
 * native scrolling and keyboard paging. The rows sit in normal flow between two spacers as tall as
 * the rows above and below them (the body's ::before and ::after, sized by --rows-before and
 * --rows-after, so assistive tech sees no extra rows). Rows are not absolutely positioned:
 * Chromium restyles table cells in absolutely positioned rows about ten times slower, which cost
 * frames when scrolling. `renderRow` returns the row's cells.
 */
export function VirtualList<T>({
  items,
  rowHeight,
  renderRow,
  overscan = 8,
  label,
  testId,
  keyOf,
}: {
  items: readonly T[];
  rowHeight: number;
  renderRow: (item: T, index: number) => ComponentChildren;
  /**
   * A row's identity. Rows keyed by it keep their elements (and the focus and input inside) with
   * their record when the list re-sorts; keyed by position, a focused checkbox would silently
   * become another record's.
   */
  keyOf?: (item: T) => string;
  overscan?: number;
  label: string;
  testId?: string;
}) {
  const scroller = useRef<HTMLTableSectionElement>(null);
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
    const key = keyOf ? keyOf(items[i]!) : String(i);
    rows.push(
      <tr key={key} data-key={key} aria-rowindex={i + 2} class="vrow" style={{ height: `${rowHeight}px` }}>
        {renderRow(items[i]!, i)}
      </tr>,
    );
  }
  let frame = 0;
  return (
    <tbody
      ref={scroller}
      class="vlist"
      style={{ "--rows-before": `${first * rowHeight}px`, "--rows-after": `${(items.length - last) * rowHeight}px` }}
      aria-label={label}
      data-testid={testId}
      onScroll={(e) => {
        const top = e.currentTarget.scrollTop;
        cancelAnimationFrame(frame);
        frame = requestAnimationFrame(() => setScrollTop(top));
      }}
    >
      {rows}
    </tbody>
  );
}
