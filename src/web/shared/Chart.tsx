// A bar chart for figures people compare (ECharts, tree-shaken: bars, grid, tooltip, legend on canvas).
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface BarSeries {
  name: string;
  values: number[];
  stack?: string;
  color?: string;
}

/** Horizontal bars: one row per category (names can be long Chinese agency names), stacked when asked. */
export function BarsChart({
  categories,
  series,
  unit = '',
  height,
  testId,
}: {
  categories: string[];
  series: BarSeries[];
  unit?: string;
  height?: number;
  testId?: string;
}) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current, undefined, { renderer: 'canvas' });
    chart.setOption({
      animationDuration: 300,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => `${v}${unit}` },
      legend: { top: 0 },
      grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', axisLabel: { formatter: `{value}${unit}` } },
      yAxis: { type: 'category', data: categories, inverse: true, axisLabel: { width: 140, overflow: 'truncate' } },
      series: series.map((s) => ({
        type: 'bar',
        name: s.name,
        data: s.values,
        stack: s.stack,
        itemStyle: s.color ? { color: s.color } : undefined,
        barMaxWidth: 18,
      })),
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [categories, series, unit]);
  return (
    <div
      ref={el}
      style={{ width: '100%', height: height ?? Math.max(160, 48 + categories.length * 32) }}
      data-testid={testId}
      role="img"
      aria-label="统计图"
    />
  );
}
