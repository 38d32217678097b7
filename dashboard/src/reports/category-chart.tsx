/**
 * Bars (or lines) over named categories (stages, channels, cohort months, weeks) with uPlot, which
 * draws time on x by default. A picture for sighted users: a table with the same numbers sits next to
 * every chart. `mark` draws a dashed vertical line at one category (the capacity plan's crossing week).
 */
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface CategorySeries {
  label: string;
  values: (number | null)[];
  color: string;
  line?: boolean;
}

export function CategoryChart({
  title,
  categories,
  series,
  yLabel,
  mark,
}: {
  title: string;
  categories: string[];
  series: CategorySeries[];
  yLabel?: string;
  mark?: number | null;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el || categories.length === 0) return;
    const width = Math.max(280, el.clientWidth);
    const plot = new uPlot(
      {
        width,
        height: 240,
        scales: {
          x: { time: false, range: [-0.6, categories.length - 0.4] },
          // Counts and shares start at zero, or the bars' heights would mislead.
          y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] },
        },
        series: [
          { label: 'Category', value: (_u, v) => (v == null ? '' : (categories[v] ?? '')) },
          ...series.map((s, i) => ({
            label: s.label,
            stroke: s.color,
            fill: s.line ? undefined : `${s.color}cc`,
            width: 2,
            // Bars of later series are narrower and drawn on top, so two counts of one category both show.
            paths: s.line ? undefined : uPlot.paths.bars?.({ size: [Math.max(0.2, 0.7 - 0.25 * i), 80] }),
          })),
        ],
        axes: [
          {
            splits: () => categories.map((_, i) => i),
            values: (_u, splits) => splits.map((i) => categories[i] ?? ''),
            rotate: categories.length > 6 ? -30 : 0,
          } as uPlot.Axis,
          { label: yLabel },
        ],
        hooks: {
          draw: [
            (u) => {
              if (mark == null) return;
              const x = u.valToPos(mark, 'x', true);
              const ctx = u.ctx;
              ctx.save();
              ctx.strokeStyle = '#b3261e';
              ctx.setLineDash([6, 4]);
              ctx.lineWidth = 2;
              ctx.beginPath();
              ctx.moveTo(x, u.bbox.top);
              ctx.lineTo(x, u.bbox.top + u.bbox.height);
              ctx.stroke();
              ctx.restore();
            },
          ],
        },
        legend: { show: true, live: false },
      },
      [categories.map((_, i) => i), ...series.map((s) => s.values)] as uPlot.AlignedData,
      el,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(280, el.clientWidth), height: 240 }));
    resize.observe(el);
    return () => (resize.disconnect(), plot.destroy());
  }, [categories.join('\u0000'), JSON.stringify(series), mark]);
  if (categories.length === 0) return <p class="empty">{title}: no data in this range yet.</p>;
  return (
    <figure class="chart">
      <div ref={box} role="img" aria-label={title} />
      <figcaption>{title}</figcaption>
    </figure>
  );
}
