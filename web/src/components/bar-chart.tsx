/**
 * A grouped (or stacked) bar chart (ECharts, only the parts used: echarts/core with the bar chart, grid,
 * legend, tooltip, aria and the canvas renderer). Pages load this module lazily
 * (`lazy(() => import('…/components/bar-chart'))`), so the app's first load does not carry ECharts; the
 * build keeps it in its own chunk (decision 0044). Categories along x (or along y with `horizontal`, for
 * long Chinese names such as 统筹地区 and 申请状态), one bar per series; resizes with its box.
 * Axis names, the unit in the tooltip and the aria description are Chinese, given by the page.
 */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, AriaComponent, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface BarSeries {
  name: string;
  data: number[];
  /** a fixed colour (e.g. red for 解除, orange for 中止); ECharts' palette otherwise */
  color?: string;
}

export interface GroupedBarsProps {
  categories: string[];
  series: BarSeries[];
  /** pixels; with `horizontal` the default grows with the number of categories */
  height?: number;
  /** categories down the y axis (long names, many rows) */
  horizontal?: boolean;
  /** the series stack into one bar per category (parts of one total, e.g. 解除 + 中止) */
  stacked?: boolean;
  /** the value axis' name, e.g. 「家次」「张/千人」 */
  valueName?: string;
  /** the category axis' name, e.g. 「统筹地区」 */
  categoryName?: string;
  /** after each value in the tooltip, e.g. 「件」 */
  unit?: string;
  /** decimals shown on labels and in the tooltip (counts: 0) */
  digits?: number;
  /** what the chart shows, for screen readers (ECharts aria) and as the container's label */
  label?: string;
  /** data-testid of the container; 'bar-chart' unless a page holds several */
  testId?: string;
}

const fmt = (v: unknown, digits: number) => (typeof v === 'number' ? v.toLocaleString('zh-CN', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '—');

/** The ECharts option of the props (pure: exported for the test and for readers). */
export function barOption(p: GroupedBarsProps): echarts.EChartsCoreOption {
  const digits = p.digits ?? 0;
  const unit = p.unit ?? '';
  const categoryAxis = {
    type: 'category',
    data: p.categories,
    name: p.categoryName,
    axisLabel: p.horizontal ? { width: 140, overflow: 'truncate' } : { interval: 0, hideOverlap: true },
    ...(p.horizontal ? { inverse: true } : {}),
  };
  // across the bottom (horizontal) the value axis' name sits under the axis, centred, clear of the last tick
  const valueAxis = {
    type: 'value', name: p.valueName, minInterval: digits === 0 ? 1 : undefined,
    ...(p.horizontal ? { nameLocation: 'middle', nameGap: 24 } : {}),
  };
  const legend = p.series.length > 1;
  return {
    aria: { enabled: true, ...(p.label ? { label: { description: p.label } } : {}) },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v: unknown) => `${fmt(v, digits)}${unit}`,
    },
    legend: legend ? { top: 0 } : undefined,
    grid: { left: 8, right: 32, top: legend || (p.valueName && !p.horizontal) ? 36 : 12, bottom: p.horizontal && p.valueName ? 28 : 8, containLabel: true },
    xAxis: p.horizontal ? valueAxis : categoryAxis,
    yAxis: p.horizontal ? categoryAxis : valueAxis,
    series: p.series.map((s) => ({
      type: 'bar',
      name: s.name,
      data: s.data,
      ...(s.color ? { itemStyle: { color: s.color } } : {}),
      ...(p.stacked ? { stack: 'total' } : {}),
      barMaxWidth: 36,
      label: {
        show: true,
        position: p.stacked ? 'inside' : p.horizontal ? 'right' : 'top',
        // a stacked part of 0 would print "0" over its neighbour
        formatter: (x: { value: unknown }) => (p.stacked && x.value === 0 ? '' : fmt(x.value, digits)),
      },
    })),
  };
}

export default function GroupedBars(props: GroupedBarsProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const height = props.height ?? (props.horizontal ? Math.max(160, 48 + props.categories.length * 28) : 260);
  useEffect(() => {
    if (!box.current) return undefined;
    const c = echarts.init(box.current);
    chart.current = c;
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(box.current);
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  // pages build their arrays on every render: redraw only when what is drawn changes
  const drawn = JSON.stringify(props);
  useEffect(() => {
    chart.current?.setOption(barOption(JSON.parse(drawn) as GroupedBarsProps), { notMerge: true });
  }, [drawn]);
  return <div ref={box} role={props.label ? 'img' : undefined} aria-label={props.label} style={{ height, width: '100%' }} data-testid={props.testId ?? 'bar-chart'} />;
}
