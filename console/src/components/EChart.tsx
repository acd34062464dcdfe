import { useEffect, useRef, type ReactNode } from 'react';
import { Empty } from 'antd';
import * as echarts from 'echarts/core';
import { useI18n } from '../i18n/index.js';

// Chart kinds are registered (echarts.use) by the modules that draw them, so each page's chunk carries
// only what it draws; this file is the binding they share.

export type ChartOption = echarts.EChartsCoreOption;

/** Says "no data" at the chart's height, so an empty panel keeps the grid's layout. */
export function ChartEmpty({ height = 280, description }: { height?: number; description?: ReactNode }) {
  const { t } = useI18n();
  return (
    <div style={{ height, display: 'flex', alignItems: 'center', justifyContent: 'center' }} data-testid="chart-empty">
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={description ?? t('chart.empty')} />
    </div>
  );
}

/** One ECharts instance bound to a div: resized with its box, disposed with the component. */
export function EChart({ option, height = 280, testId }: { option: ChartOption; height?: number; testId?: string }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!el.current) return;
    const instance = echarts.init(el.current);
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    // notMerge: a new window or language replaces the chart instead of leaving the old series behind.
    chart.current?.setOption(option, true);
  }, [option]);

  return <div ref={el} style={{ height, width: '100%' }} data-testid={testId} />;
}
