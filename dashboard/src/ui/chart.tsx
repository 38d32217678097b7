/**
 * A small chart over uPlot (the only charting code, loaded with the report screens that use it).
 * The chart is a picture for sighted users; every chart sits next to a table with the same numbers.
 */
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface Series {
  label: string;
  values: (number | null)[];
  color: string;
  bars?: boolean;
}

export function Chart({ title, x, series, yLabel }: { title: string; x: number[]; series: Series[]; yLabel?: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el || x.length === 0) return;
    const width = Math.max(280, el.clientWidth);
    const bars = uPlot.paths.bars?.({ size: [0.6, 40] });
    const plot = new uPlot(
      {
        width,
        height: 220,
        series: [
          {},
          ...series.map((s) => ({
            label: s.label,
            stroke: s.color,
            fill: s.bars ? s.color : undefined,
            width: 2,
            paths: s.bars ? bars : undefined,
          })),
        ],
        axes: [{}, { label: yLabel }],
        legend: { show: true },
      },
      [x, ...series.map((s) => s.values)] as uPlot.AlignedData,
      el,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(280, el.clientWidth), height: 220 }));
    resize.observe(el);
    return () => (resize.disconnect(), plot.destroy());
  }, [x, series]);
  if (x.length < 2)
    return (
      <p class="empty">{title}: not enough days in this range to draw a line yet; the table below has the numbers.</p>
    );
  return (
    <figure class="chart">
      <div ref={box} role="img" aria-label={title} />
      <figcaption>{title}</figcaption>
    </figure>
  );
}
