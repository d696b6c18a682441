// An enforcement flowchart (执法流程图) as a picture: start and end as rounded boxes, decisions as diamonds, steps as
// boxes, arrows with their labels, each step's time limit under its name. Scales down to the width available.
import { useMemo } from 'react';
import { layoutFlow, FONT_SIZE, SMALL_FONT, type LaidNode } from './flowLayout.ts';
import type { FlowStep } from './values.ts';

const COLORS = {
  start: { fill: '#e8f3ec', stroke: '#2f7d4f' },
  end: { fill: '#fbeaea', stroke: '#b3261e' },
  step: { fill: '#eef3fa', stroke: '#174a8b' },
  decision: { fill: '#fff6e0', stroke: '#ad6800' },
} as const;

function Shape({ n }: { n: LaidNode }) {
  const c = COLORS[n.kind] ?? COLORS.step;
  const x = n.x - n.width / 2;
  const y = n.y - n.height / 2;
  if (n.kind === 'decision')
    return (
      <polygon
        points={`${n.x},${y} ${x + n.width},${n.y} ${n.x},${y + n.height} ${x},${n.y}`}
        fill={c.fill}
        stroke={c.stroke}
        strokeWidth={1.5}
      />
    );
  const round = n.kind === 'start' || n.kind === 'end' ? Math.min(n.height / 2, 22) : 4;
  return <rect x={x} y={y} width={n.width} height={n.height} rx={round} ry={round} fill={c.fill} stroke={c.stroke} strokeWidth={1.5} />;
}

function Label({ n }: { n: LaidNode }) {
  const lineH = 18;
  const total = n.lines.length * lineH + (n.timeLimit ? 16 : 0);
  const top = n.y - total / 2 + lineH / 2;
  return (
    <text textAnchor="middle" fontSize={FONT_SIZE} fill="rgba(0,0,0,0.85)">
      {n.lines.map((l, i) => (
        <tspan key={i} x={n.x} y={top + i * lineH} dominantBaseline="central">
          {l}
        </tspan>
      ))}
      {n.timeLimit && (
        <tspan x={n.x} y={top + n.lines.length * lineH - 1} dominantBaseline="central" fontSize={SMALL_FONT} fill="#ad4e00">
          时限：{n.timeLimit}
        </tspan>
      )}
    </text>
  );
}

export function FlowchartSvg({ steps, title, maxWidth }: { steps: readonly FlowStep[]; title?: string; maxWidth?: number }) {
  const laid = useMemo(() => {
    try {
      return layoutFlow(steps);
    } catch {
      return null;
    }
  }, [steps]);
  if (!laid || !laid.nodes.length) return <div className="sx-flow-empty">暂无可显示的流程步骤</div>;
  const path = (pts: { x: number; y: number }[]) => pts.map((p, i) => `${i ? 'L' : 'M'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
  return (
    <div className="sx-flowchart" style={{ maxWidth: maxWidth ?? laid.width }}>
      <svg
        viewBox={`0 0 ${laid.width} ${laid.height}`}
        width="100%"
        role="img"
        aria-label={title ? `流程图：${title}` : '流程图'}
        data-testid="flowchart-svg"
        data-nodes={laid.nodes.length}
        style={{ maxWidth: laid.width, minWidth: Math.round(laid.width * 0.8), display: 'block', margin: '0 auto' }}
      >
        <defs>
          <marker id="sx-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" fill="#5b6b80" />
          </marker>
        </defs>
        {laid.edges.map((e, i) => (
          <g key={i} className="sx-flow-edge">
            <path d={path(e.points)} fill="none" stroke="#5b6b80" strokeWidth={1.4} markerEnd="url(#sx-arrow)" />
            {e.label && e.labelAt && (
              <>
                <rect
                  x={e.labelAt.x - e.labelWidth / 2}
                  y={e.labelAt.y - 9}
                  width={e.labelWidth}
                  height={18}
                  rx={3}
                  fill="#fff"
                  stroke="#d9d9d9"
                />
                <text x={e.labelAt.x} y={e.labelAt.y} textAnchor="middle" dominantBaseline="central" fontSize={SMALL_FONT} fill="#434343">
                  {e.label}
                </text>
              </>
            )}
          </g>
        ))}
        {laid.nodes.map((n) => (
          <g key={n.id} className={`sx-flow-node sx-flow-${n.kind}`} data-kind={n.kind}>
            <Shape n={n} />
            <Label n={n} />
          </g>
        ))}
      </svg>
    </div>
  );
}
