import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from "chart.js";
import { useEffect, useRef, useState } from "preact/hooks";
import type { ReportCard } from "../views/report-cards.ts";
import { cellText } from "../views/report-cards.ts";

// Only what the Reports view draws: bar charts (vertical, horizontal, stacked) with a legend and tooltips.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

/** The theme's colours, read from the CSS variables (styles/app.css) so charts follow light and dark. */
function themeColours() {
  const style = getComputedStyle(document.documentElement);
  const read = (name: string) => style.getPropertyValue(name).trim();
  return {
    fg: read("--fg"),
    muted: read("--muted"),
    grid: read("--border"),
    series: [1, 2, 3, 4, 5, 6].map((n) => read(`--chart-${n}`)),
  };
}

/** Re-renders when the colour scheme changes, so a chart redraws in the new theme's colours. */
function useColourScheme(): string {
  const query = matchMedia("(prefers-color-scheme: dark)");
  const [scheme, setScheme] = useState(query.matches ? "dark" : "light");
  useEffect(() => {
    const onChange = () => setScheme(query.matches ? "dark" : "light");
    query.addEventListener("change", onChange);
    return () => query.removeEventListener("change", onChange);
  }, [query]);
  return scheme;
}

/**
 * A card's bar chart on a canvas. Clicking a bar (or segment) calls `onSelect` with its series and
 * row; the card's table offers the same through buttons, for the keyboard and screen readers.
 */
export function ReportChart({ card, onSelect }: { card: ReportCard; onSelect: (series: number, row: number) => void }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const scheme = useColourScheme();
  const select = useRef(onSelect);
  select.current = onSelect;
  useEffect(() => {
    if (!canvas.current) return;
    const colours = themeColours();
    const axis = { ticks: { color: colours.muted }, grid: { color: colours.grid }, stacked: !!card.stacked };
    const money = card.series[0]?.money ? card.series[0] : null;
    const chart = new Chart(canvas.current, {
      type: "bar",
      data: {
        labels: card.rows.map((row) => row.label),
        datasets: card.series.map((series, i) => ({
          label: series.label,
          data: card.rows.map((row) => row.values[i] ?? 0),
          backgroundColor: colours.series[series.colour ? series.colour - 1 : i % colours.series.length],
          borderRadius: 3,
        })),
      },
      options: {
        indexAxis: card.horizontal ? "y" : "x",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        color: colours.fg,
        plugins: {
          legend: { display: card.series.length > 1, labels: { color: colours.fg } },
          tooltip: {
            callbacks: {
              label: (item) =>
                `${item.dataset.label}: ${cellText(Number(item.raw), card.series[item.datasetIndex] ?? card.series[0]!)}`,
            },
          },
        },
        scales: {
          x: {
            ...axis,
            ticks: {
              color: colours.muted,
              // Counts have no fractions: ticks at whole numbers only.
              ...(money ? {} : { precision: 0 }),
              ...(money && card.horizontal
                ? { callback: (value: string | number) => cellText(Number(value), money) }
                : {}),
            },
          },
          y: {
            ...axis,
            ticks: {
              color: colours.muted,
              ...(money ? {} : { precision: 0 }),
              ...(money && !card.horizontal
                ? { callback: (value: string | number) => cellText(Number(value), money) }
                : {}),
            },
          },
        },
        onHover: (event, elements) => {
          const target = event.native?.target as HTMLElement | undefined;
          if (target) target.style.cursor = elements.length ? "pointer" : "default";
        },
        onClick: (_event, elements) => {
          const hit = elements[0];
          if (hit) select.current(hit.datasetIndex, hit.index);
        },
      },
      plugins: [
        {
          // Where each bar's middle is drawn (per series, per row, in CSS pixels of the canvas), so an
          // automated test can click a bar as a person would.
          id: "bar-positions",
          afterRender(drawn) {
            const bars = drawn.data.datasets.map((_, i) =>
              drawn.getDatasetMeta(i).data.map((bar) => {
                const { x, y } = (bar as unknown as BarElement).getCenterPoint();
                return [Math.round(x ?? 0), Math.round(y ?? 0)];
              }),
            );
            drawn.canvas.dataset.bars = JSON.stringify(bars);
          },
        },
      ],
    });
    return () => chart.destroy();
  }, [card, scheme]);
  const height = card.horizontal ? Math.max(140, 36 * card.rows.length + 40) : 240;
  return (
    <div class="report-chart" style={{ height: `${height}px` }}>
      <canvas
        ref={canvas}
        role="img"
        aria-label={`${card.title}: a bar chart. The table lists the same figures, with the records behind each.`}
        data-testid={`chart-${card.key}`}
      />
    </div>
  );
}
