import { useId, useMemo, useRef, useState } from 'react';
import { columnOf, rowDots } from '../../../analysis/teach/matrix';
import {
  diagonalSpread,
  ropeScore,
  ropeScoreMatrix,
  ropeTheta,
} from '../../../analysis/teach/rope';
import { gaussian, mulberry32 } from '../../../analysis/teach/scaling';
import { alibiBias, alibiSlopes, sinusoidalTable } from '../../../engine/positional';
import { useT } from '../../../i18n';
import { figuresPng, PictureExport } from '../../export/PictureExport';
import { serializeSvgElement } from '../../export/svg';
import { useAppStore } from '../../../store';
import { fixed, short, tiny } from '../common/format';
import { LinePlot, type PlotSeries } from '../common/LinePlot';
import { ExportableMatrix } from '../common/ExportableMatrix';
import { MatrixCanvas } from '../common/MatrixCanvas';
import { useTeachRun } from '../common/useTeach';
import { NumberSelect } from '../common/NumberSelect';
import '../common/teach.css';

const D_MODELS = [4, 8, 16, 32, 64, 128, 256, 512] as const;
const POSITIONS = [8, 16, 32, 64, 128, 256] as const;
// CSS colours (app.css): the curves follow the light or dark theme.
const CURVE_COLORS = ['var(--plot-1)', 'var(--plot-2)', 'var(--plot-3)', 'var(--plot-4)'];
const labels = (n: number): string[] => Array.from({ length: n }, (_, i) => String(i));

/** Tab "Positional encodings": sinusoids, their dot products, RoPE, ALiBi and learned tables. */
export function PositionsView() {
  const t = useT();
  const headingId = useId();
  const baseId = useId();
  const [dModel, setDModel] = useState(64);
  const [positions, setPositions] = useState(64);
  const [baseText, setBaseText] = useState('10000');
  const base = Math.max(2, Number(baseText) || 10000);
  const table = useMemo(() => sinusoidalTable(positions, dModel, base), [positions, dModel, base]);
  return (
    <section className="teach" aria-labelledby={headingId}>
      <header className="teach-header">
        <h2 id={headingId}>{t('teach.pos.title')}</h2>
        <p>{t('teach.pos.intro')}</p>
      </header>
      <div className="teach-controls teach-sticky">
        <NumberSelect label="d_model" value={dModel} options={D_MODELS} onChange={setDModel} />
        <NumberSelect
          label={t('teach.pos.positions')}
          value={positions}
          options={POSITIONS}
          onChange={setPositions}
        />
        <div className="field">
          <label htmlFor={baseId}>{t('teach.pos.base')}</label>
          <input
            id={baseId}
            type="number"
            min={2}
            value={baseText}
            onChange={(e) => setBaseText(e.target.value)}
          />
        </div>
      </div>
      <Sinusoids table={table} positions={positions} dModel={dModel} base={base} />
      <Similarity table={table} positions={positions} dModel={dModel} />
      <Rope dModel={dModel} positions={positions} base={base} />
      <Alibi positions={positions} />
      <Learned positions={positions} />
    </section>
  );
}

interface TableProps {
  table: Float32Array;
  positions: number;
  dModel: number;
}

function Sinusoids({ table, positions, dModel, base }: TableProps & { base: number }) {
  const t = useT();
  const headingId = useId();
  const [dims, setDims] = useState<number[]>([0, 1, 8, 9]);
  const shown = dims.map((d) => Math.min(dModel - 1, Math.max(0, d)));
  const series: PlotSeries[] = shown.map((d, i) => ({
    id: `${i}-${d}`,
    label: t('teach.pos.dim', {
      dim: d,
      fn: d % 2 === 0 ? 'sin' : 'cos',
      wavelength: short(2 * Math.PI * Math.pow(base, (d - (d % 2)) / dModel), 1),
    }),
    color: CURVE_COLORS[i % CURVE_COLORS.length]!,
    markers: false,
    points: columnOf(table, positions, dModel, d).map((y, x) => ({ x, y })),
  }));
  const cardRef = useRef<HTMLElement>(null);
  return (
    <section className="teach-card" aria-labelledby={headingId} ref={cardRef}>
      <h3 id={headingId}>{t('teach.pos.sin.title')}</h3>
      <PictureExport
        label={t('export.positions')}
        what={`positions_d${dModel}_n${positions}`}
        png={() => {
          const canvas = cardRef.current?.querySelector('canvas');
          return canvas
            ? figuresPng([
                {
                  canvas,
                  title: t('teach.pos.sin.label', { positions, d: dModel }),
                  rowLabels: labels(positions),
                  colLabels: labels(dModel),
                },
              ])
            : null;
        }}
        svg={() => {
          const plot = Array.from(cardRef.current?.querySelectorAll('svg') ?? []).find((el) =>
            el.querySelector('path'),
          );
          return plot
            ? serializeSvgElement(plot, {
                title: t('teach.pos.curves.label'),
                background: '#ffffff',
              })
            : null;
        }}
      />
      <p>{t('teach.pos.sin.text')}</p>
      <p className="teach-formula">
        PE(pos, 2i) = sin(pos / {short(base)}^(2i/d)) · PE(pos, 2i+1) = cos(pos / {short(base)}
        ^(2i/d))
      </p>
      <MatrixCanvas
        values={table}
        rows={positions}
        cols={dModel}
        rowLabels={labels(positions)}
        colLabels={labels(dModel)}
        label={t('teach.pos.sin.label', { positions, d: dModel })}
        scheme="diverging"
        domain={[-1, 1]}
        showValues={false}
        maxCell={14}
        describe={(r, c, v) => t('teach.pos.sin.cell', { pos: r, dim: c, value: fixed(v, 3) })}
      />
      <h4>{t('teach.pos.curves.title')}</h4>
      <div className="teach-controls">
        {dims.map((d, i) => (
          <div className="field teach-small" key={i}>
            <label htmlFor={`teach-dim-${i}`}>{t('teach.pos.dimPick', { n: i + 1 })}</label>
            <input
              id={`teach-dim-${i}`}
              type="number"
              min={0}
              max={dModel - 1}
              value={d}
              onChange={(e) =>
                setDims(dims.map((x, j) => (j === i ? Math.floor(Number(e.target.value) || 0) : x)))
              }
            />
          </div>
        ))}
      </div>
      <LinePlot
        series={series}
        label={t('teach.pos.curves.label')}
        xLabel={t('teach.pos.axis.position')}
        yLabel={t('teach.pos.axis.value')}
        yDomain={[-1, 1]}
      />
      <p>{t('teach.pos.curves.text')}</p>
    </section>
  );
}

function Similarity({ table, positions, dModel }: TableProps) {
  const t = useT();
  const headingId = useId();
  const sliderId = useId();
  const [pick, setPick] = useState(16);
  const i = Math.min(pick, positions - 1);
  const dots = useMemo(() => rowDots(table, positions, dModel, i), [table, positions, dModel, i]);
  const shown = Math.min(positions, 32);
  const matrix = useMemo(() => {
    const out = new Float64Array(shown * shown);
    for (let a = 0; a < shown; a++) out.set(rowDots(table, shown, dModel, a), a * shown);
    return out;
  }, [table, shown, dModel]);
  const series: PlotSeries[] = [
    {
      id: 'dots',
      label: t('teach.pos.sim.series', { i }),
      color: 'var(--plot-1)',
      markers: false,
      points: Array.from(dots, (y, x) => ({ x, y })),
    },
  ];
  return (
    <section className="teach-card" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('teach.pos.sim.title')}</h3>
      <p>{t('teach.pos.sim.text')}</p>
      <div className="field teach-slider">
        <label htmlFor={sliderId}>{t('teach.pos.sim.pick')}</label>
        <input
          id={sliderId}
          type="range"
          min={0}
          max={positions - 1}
          value={i}
          onChange={(e) => setPick(Number(e.target.value))}
        />
        <span className="field-hint">{i}</span>
      </div>
      <LinePlot
        series={series}
        label={t('teach.pos.sim.label', { i })}
        xLabel={t('teach.pos.axis.position')}
        yLabel={t('teach.pos.axis.dot')}
        marker={i}
      />
      <p className="teach-readout">
        {t('teach.pos.sim.readout', {
          i,
          self: fixed(dots[i] ?? 0, 2),
          half: dModel / 2,
          near: fixed(dots[Math.min(positions - 1, i + 1)] ?? 0, 2),
          far: fixed(dots[Math.min(positions - 1, i + 10)] ?? 0, 2),
        })}
      </p>
      <ExportableMatrix
        picture={t('teach.pos.sim.title')}
        what={`position-similarity_d${dModel}_n${shown}`}
        values={matrix}
        rows={shown}
        cols={shown}
        rowLabels={labels(shown)}
        colLabels={labels(shown)}
        label={t('teach.pos.sim.matrix', { n: shown })}
        scheme="sequential"
        showValues={false}
        maxCell={14}
      />
    </section>
  );
}

function Rope({ dModel, positions, base }: { dModel: number; positions: number; base: number }) {
  const t = useT();
  const headingId = useId();
  const pairId = useId();
  const posId = useId();
  const [pair, setPair] = useState(0);
  const [m, setM] = useState(3);
  const half = Math.max(1, dModel / 2);
  const i = Math.min(pair, half - 1);
  const theta = ropeTheta(i, dModel, base);
  const pos = Math.min(m, positions - 1);

  // A fixed random query and key of 8 dimensions (seeded), for the m − n demonstration.
  const { q, k } = useMemo(() => {
    const normal = gaussian(mulberry32(2024));
    return {
      q: Array.from({ length: 8 }, () => normal()),
      k: Array.from({ length: 8 }, () => normal()),
    };
  }, []);
  const P = Math.min(positions, 16);
  const scores = useMemo(() => ropeScoreMatrix(q, k, P, base), [q, k, P, base]);
  const spread = diagonalSpread(scores, P);
  const examples: [number, number][] = [
    [2, 0],
    [5, 3],
    [9, 7],
    [14, 12],
    [3, 0],
  ];

  const R = 90;
  const C = 110;
  // Where the pair's first axis points at positions 0 … m: it turns by θᵢ per position.
  const trail = Array.from({ length: pos + 1 }, (_, p) => [
    Math.cos(p * theta),
    Math.sin(p * theta),
  ]);
  const angle = pos * theta;
  return (
    <section className="teach-card" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('teach.pos.rope.title')}</h3>
      <p>{t('teach.pos.rope.text')}</p>
      <div className="teach-controls">
        <div className="field teach-slider">
          <label htmlFor={pairId}>{t('teach.pos.rope.pair')}</label>
          <input
            id={pairId}
            type="range"
            min={0}
            max={half - 1}
            value={i}
            onChange={(e) => setPair(Number(e.target.value))}
          />
          <span className="field-hint">
            {t('teach.pos.rope.pairValue', { i, a: 2 * i, b: 2 * i + 1, theta: short(theta, 5) })}
          </span>
        </div>
        <div className="field teach-slider">
          <label htmlFor={posId}>{t('teach.pos.rope.position')}</label>
          <input
            id={posId}
            type="range"
            min={0}
            max={positions - 1}
            value={pos}
            onChange={(e) => setM(Number(e.target.value))}
          />
          <span className="field-hint">{pos}</span>
        </div>
      </div>
      <div className="teach-split">
        <svg
          width={2 * C}
          height={2 * C}
          viewBox={`0 0 ${2 * C} ${2 * C}`}
          role="img"
          aria-label={t('teach.pos.rope.circle', {
            m: pos,
            angle: short(angle, 3),
            degrees: short(((angle * 180) / Math.PI) % 360, 1),
          })}
          className="teach-rope"
        >
          <circle cx={C} cy={C} r={R} className="teach-rope-circle" />
          <line x1={C - R - 8} x2={C + R + 8} y1={C} y2={C} className="teach-rope-axis" />
          <line y1={C - R - 8} y2={C + R + 8} x1={C} x2={C} className="teach-rope-axis" />
          {trail.map(([x = 0, y = 0], p) => (
            <circle key={p} cx={C + R * x} cy={C - R * y} r={3} className="teach-rope-trail" />
          ))}
          <line x1={C} y1={C} x2={C + R} y2={C} className="teach-rope-start" />
          <line
            x1={C}
            y1={C}
            x2={C + R * Math.cos(angle)}
            y2={C - R * Math.sin(angle)}
            className="teach-rope-vec"
          />
          <text x={C + R * Math.cos(angle) * 1.1} y={C - R * Math.sin(angle) * 1.1}>
            m = {pos}
          </text>
        </svg>
        <div>
          <p className="teach-readout">
            {t('teach.pos.rope.readout', {
              m: pos,
              theta: short(theta, 5),
              angle: short(angle, 3),
              degrees: short(((angle * 180) / Math.PI) % 360, 1),
            })}
          </p>
          <p>{t('teach.pos.rope.why')}</p>
        </div>
      </div>
      <h4>{t('teach.pos.rope.demo.title')}</h4>
      <p>{t('teach.pos.rope.demo.text')}</p>
      <div className="teach-split">
        <ExportableMatrix
          picture={t('teach.pos.rope.demo.title')}
          what={`rope-scores_n${P}`}
          values={scores}
          rows={P}
          cols={P}
          rowLabels={labels(P)}
          colLabels={labels(P)}
          label={t('teach.pos.rope.demo.label', { n: P })}
          scheme="diverging"
          showValues={P <= 12}
          digits={1}
          maxCell={26}
          describe={(r, c, v) => `m = ${r}, n = ${c}, m − n = ${r - c}: ${fixed(v, 4)}`}
        />
        <div className="teach-table-wrap" tabIndex={0}>
          <table className="teach-table" data-testid="rope-table">
            <thead>
              <tr>
                <th scope="col">m</th>
                <th scope="col">n</th>
                <th scope="col">m − n</th>
                <th scope="col">{t('teach.pos.rope.demo.score')}</th>
              </tr>
            </thead>
            <tbody>
              {examples.map(([a, b]) => (
                <tr key={`${a}-${b}`}>
                  <td className="num">{a}</td>
                  <td className="num">{b}</td>
                  <td className="num">{a - b}</td>
                  <td className="num">{fixed(ropeScore(q, k, a, b, base), 6)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="teach-readout">
            {t('teach.pos.rope.demo.spread', { spread: tiny(spread) })}
          </p>
        </div>
      </div>
    </section>
  );
}

function Alibi({ positions }: { positions: number }) {
  const t = useT();
  const headingId = useId();
  const [heads, setHeads] = useState(8);
  const [head, setHead] = useState(0);
  const h = Math.min(head, heads - 1);
  const slopes = alibiSlopes(heads);
  const slope = slopes[h] ?? 0;
  const P = Math.min(positions, 16);
  const bias = alibiBias(slope, P, P);
  return (
    <section className="teach-card" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('teach.pos.alibi.title')}</h3>
      <p>{t('teach.pos.alibi.text')}</p>
      <div className="teach-controls">
        <NumberSelect
          label={t('teach.pos.alibi.heads')}
          value={heads}
          options={[1, 2, 4, 8, 12, 16]}
          onChange={setHeads}
        />
        <NumberSelect
          label={t('teach.pos.alibi.head')}
          value={h + 1}
          options={Array.from({ length: heads }, (_, i) => i + 1)}
          onChange={(v) => setHead(v - 1)}
        />
      </div>
      <p className="teach-readout">
        {t('teach.pos.alibi.slopes', { slopes: slopes.map((s) => short(s, 4)).join(', ') })}
      </p>
      <ExportableMatrix
        picture={t('teach.pos.alibi.title')}
        what={`alibi_head${h + 1}-of-${heads}_n${P}`}
        values={bias}
        rows={P}
        cols={P}
        rowLabels={labels(P)}
        colLabels={labels(P)}
        label={t('teach.pos.alibi.label', { head: h + 1, slope: short(slope, 4) })}
        scheme="sequential"
        showValues={P <= 12}
        digits={2}
        maxCell={30}
      />
    </section>
  );
}

function Learned({ positions }: { positions: number }) {
  const t = useT();
  const headingId = useId();
  const slot = useAppStore((s) => s.teachSlot);
  const model = useAppStore((s) => s.model);
  const playgroundPositional = useAppStore((s) => s.playground.positional);
  const setPlayground = useAppStore((s) => s.setPlayground);
  const run = useTeachRun(slot);
  const table = run.positionTable;
  const positional = run.state === 'ready' ? run.positional : null;
  const rows = table ? Math.min(table.rows, positions) : 0;
  return (
    <section className="teach-card" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('teach.pos.learned.title')}</h3>
      <p>{t('teach.pos.learned.text')}</p>
      {table && rows > 0 ? (
        <>
          <p className="teach-readout">
            {t('teach.pos.learned.shown', { rows, cols: table.cols })}
          </p>
          {model === 'playground' && <p className="teach-note">{t('teach.pos.learned.random')}</p>}
          <ExportableMatrix
            picture={t('teach.pos.learned.title')}
            what={`learned-positions_${rows}x${table.cols}`}
            values={table.data.subarray(0, rows * table.cols)}
            rows={rows}
            cols={table.cols}
            rowLabels={labels(rows)}
            colLabels={labels(table.cols)}
            label={t('teach.pos.learned.label', { rows, cols: table.cols })}
            scheme="diverging"
            showValues={false}
            maxCell={14}
          />
        </>
      ) : positional === null ? (
        <p className="teach-status">{t('teach.status.loading')}</p>
      ) : model === 'translator' ? (
        <p className="teach-note" data-testid="learned-none">
          {t('teach.pos.learned.translator', { kind: positional })}
        </p>
      ) : (
        <div className="teach-note" data-testid="learned-none">
          <p>{t('teach.pos.learned.playground', { kind: playgroundPositional })}</p>
          <button
            type="button"
            className="button"
            onClick={() => setPlayground({ positional: 'learned' })}
          >
            {t('teach.pos.learned.switch')}
          </button>
        </div>
      )}
    </section>
  );
}
