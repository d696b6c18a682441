// Lays out an enforcement flowchart (start → steps/decisions → end, with labelled next-links) top to bottom with
// dagre, sizing each node to its wrapped Chinese label and time limit. Pure: returns coordinates for FlowchartSvg.
import { graphlib, layout } from '@dagrejs/dagre';
import type { FlowStep } from './values.ts';
import type { FlowStepKind } from './labels.ts';

export const FONT_SIZE = 14;
export const SMALL_FONT = 12;
const LINE = 18;
const SMALL_LINE = 16;
const MAX_CHARS = 10;

export interface LaidNode {
  id: string;
  kind: FlowStepKind;
  lines: string[];
  timeLimit?: string;
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface LaidEdge {
  from: string;
  to: string;
  label?: string;
  points: { x: number; y: number }[];
  labelAt?: { x: number; y: number };
  labelWidth: number;
}
export interface FlowLayout {
  width: number;
  height: number;
  nodes: LaidNode[];
  edges: LaidEdge[];
}

/** Display width of text in px at a font size: CJK and full-width characters are square, others about half. */
export function textWidth(text: string, size = FONT_SIZE): number {
  let w = 0;
  for (const ch of text) w += /[\u2e80-\uffff]/.test(ch) ? size : size * 0.58;
  return w;
}

/** Wrap a label into lines of at most MAX_CHARS full-width characters. */
export function wrap(text: string, max = MAX_CHARS): string[] {
  const lines: string[] = [];
  let line = '';
  for (const ch of text) {
    if (textWidth(line + ch) > max * FONT_SIZE) {
      lines.push(line);
      line = '';
    }
    line += ch;
  }
  if (line || !lines.length) lines.push(line);
  return lines;
}

function nodeSize(kind: FlowStepKind, lines: string[], timeLimit?: string) {
  const textW = Math.max(...lines.map((l) => textWidth(l)), timeLimit ? textWidth(`时限：${timeLimit}`, SMALL_FONT) : 0);
  const textH = lines.length * LINE + (timeLimit ? SMALL_LINE : 0);
  if (kind === 'decision') return { width: Math.max(120, textW * 1.7 + 24), height: Math.max(64, textH * 1.8 + 16) };
  if (kind === 'start' || kind === 'end') return { width: Math.max(96, textW + 40), height: textH + 20 };
  return { width: Math.max(110, textW + 28), height: textH + 20 };
}

export function layoutFlow(steps: readonly FlowStep[]): FlowLayout {
  const g = new graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 36, ranksep: 44, edgesep: 16, marginx: 12, marginy: 12 });
  const ids = new Set<string>();
  const nodes = new Map<string, Omit<LaidNode, 'x' | 'y'>>();
  for (const s of steps) {
    if (!s?.id || ids.has(s.id)) continue;
    ids.add(s.id);
    const lines = wrap(s.label?.trim() || '（未命名）');
    const timeLimit = s.timeLimit?.trim() || undefined;
    const size = nodeSize(s.kind, lines, timeLimit);
    nodes.set(s.id, { id: s.id, kind: s.kind, lines, timeLimit, ...size });
    g.setNode(s.id, size);
  }
  let n = 0;
  const edgeNames: { name: string; from: string; to: string; label?: string; labelWidth: number }[] = [];
  for (const s of steps) {
    if (!s?.id || !nodes.has(s.id)) continue;
    for (const link of s.next ?? []) {
      if (!link?.to || !nodes.has(link.to)) continue;
      const name = `e${n++}`;
      const label = link.label?.trim() || undefined;
      const labelWidth = label ? textWidth(label, SMALL_FONT) + 8 : 0;
      g.setEdge(s.id, link.to, label ? { label, width: labelWidth, height: SMALL_LINE + 2, labelpos: 'c' } : {}, name);
      edgeNames.push({ name, from: s.id, to: link.to, label, labelWidth });
    }
  }
  layout(g);
  const graph = g.graph() as { width?: number; height?: number };
  return {
    width: Math.ceil(graph.width ?? 0),
    height: Math.ceil(graph.height ?? 0),
    nodes: [...nodes.values()].map((node) => {
      const p = g.node(node.id) as { x: number; y: number };
      return { ...node, x: p.x, y: p.y };
    }),
    edges: edgeNames.map((e) => {
      const laid = g.edge({ v: e.from, w: e.to, name: e.name }) as { points?: { x: number; y: number }[]; x?: number; y?: number };
      return {
        from: e.from,
        to: e.to,
        label: e.label,
        labelWidth: e.labelWidth,
        points: laid.points ?? [],
        labelAt: e.label && laid.x !== undefined && laid.y !== undefined ? { x: laid.x, y: laid.y } : undefined,
      };
    }),
  };
}
