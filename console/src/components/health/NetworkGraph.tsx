import { useMemo } from 'react';
import { Typography } from 'antd';
import type { InteractionNetwork, NetworkNode } from '../../api.js';
import { useI18n } from '../../i18n/index.js';
import { ChartEmpty, EChart, type ChartOption } from './EChart.js';
import { decimal, escapeHtml } from './format.js';

/** A force layout stays readable, and quick in the browser, up to a few hundred people. */
export const MAX_DRAWN_NODES = 200;
const PALETTE = ['#1677ff', '#52c41a', '#fa8c16', '#722ed1', '#13c2c2', '#eb2f96', '#faad14', '#2f54eb', '#a0d911', '#f5222d'];
const NO_CLUSTER = '#d9d9d9';

/** The members who interact, highest PageRank first, capped; members without a single tie have nothing to draw. */
export function drawnNodes(nodes: NetworkNode[]): NetworkNode[] {
  return nodes.filter((n) => n.degree > 0).sort((a, b) => b.pagerank - a.pagerank).slice(0, MAX_DRAWN_NODES);
}

export function NetworkGraph({ data }: { data: InteractionNetwork }) {
  const { t, te } = useI18n();
  const nodes = useMemo(() => drawnNodes(data.nodes), [data]);
  const option = useMemo<ChartOption>(() => {
    const shown = new Set(nodes.map((n) => n.member_id));
    const maxRank = Math.max(...nodes.map((n) => n.pagerank), Number.MIN_VALUE);
    const maxWeight = Math.max(1, ...data.edges.map((e) => e.weight));
    const byId = new Map(nodes.map((n) => [n.member_id, n]));
    const staff = (n: NetworkNode) => n.role !== 'member';
    return {
      tooltip: {
        formatter: (p: { dataType: string; data: { id?: string; source?: string; target?: string; replies?: number; mentions?: number } }) => {
          if (p.dataType === 'edge') {
            const a = escapeHtml(byId.get(p.data.source!)?.name ?? '');
            const b = escapeHtml(byId.get(p.data.target!)?.name ?? '');
            return t('health.networkEdge', { a, b, replies: p.data.replies ?? 0, mentions: p.data.mentions ?? 0 });
          }
          const n = byId.get(p.data.id!);
          return n ? t('health.networkNode', {
            name: escapeHtml(n.name), role: escapeHtml(te('memberRole', n.role)), messages: n.messages, degree: n.degree,
            pagerank: decimal(n.pagerank, 3), betweenness: decimal(n.betweenness, 3),
          }) : '';
        },
      },
      series: [{
        type: 'graph', layout: 'force', roam: true, draggable: true,
        // Fewer people spread wider; a crowd packs tighter, so the whole group stays inside the box.
        force: { repulsion: Math.max(30, 600 / Math.sqrt(nodes.length)), edgeLength: [20, 90], gravity: 0.2 },
        label: { position: 'right', fontSize: 11 },
        lineStyle: { color: 'source', opacity: 0.45, curveness: 0.1 },
        emphasis: { focus: 'adjacency', lineStyle: { width: 4 } },
        data: nodes.map((n) => ({
          id: n.member_id, name: n.name,
          // Area, not radius, grows with PageRank, so a twice-as-central member does not look four times as big.
          symbolSize: 8 + 34 * Math.sqrt(n.pagerank / maxRank),
          itemStyle: {
            color: n.cluster === null ? NO_CLUSTER : PALETTE[n.cluster % PALETTE.length],
            ...(staff(n) ? { borderColor: '#262626', borderWidth: 3 } : {}),
          },
          label: { show: staff(n) || n.is_kol || nodes.length <= 25 },
        })),
        links: data.edges.filter((e) => shown.has(e.source) && shown.has(e.target)).map((e) => ({
          source: e.source, target: e.target, replies: e.replies, mentions: e.mentions,
          lineStyle: { width: 1 + 5 * (e.weight / maxWeight) },
        })),
      }],
    };
  }, [nodes, data.edges, t, te]);

  if (nodes.length === 0) return <ChartEmpty height={460} />;
  const connected = data.nodes.filter((n) => n.degree > 0).length;
  return (
    <>
      <EChart option={option} height={460} testId="health-network-canvas" />
      <Typography.Text type="secondary">
        {t('health.networkLegend')}
        {connected > nodes.length && ` ${t('health.networkCapped', { shown: nodes.length, total: connected })}`}
      </Typography.Text>
    </>
  );
}
