import { useMemo, useState } from 'react';
import {
  diagonalSpread,
  ropeScore,
  ropeScoreMatrix,
  ropeTheta,
} from '../../../analysis/teach/rope';
import { gaussian, mulberry32 } from '../../../analysis/teach/scaling';
import { useT } from '../../../i18n';
import { ExportableMatrix } from '../common/ExportableMatrix';
import { fixed, short, tiny } from '../common/format';
import { TeachCard } from '../common/TeachCard';
import { labels } from './shared';
import { TeachSlider } from '../common/TeachSlider';

/** Card "RoPE": a pair of dimensions turning with the position, and scores that depend on m − n. */
export function RopeCard({
  dModel,
  positions,
  base,
}: {
  dModel: number;
  positions: number;
  base: number;
}) {
  const t = useT();
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
    <TeachCard title={t('teach.pos.rope.title')}>
      <p>{t('teach.pos.rope.text')}</p>
      <div className="teach-controls">
        <TeachSlider
          label={t('teach.pos.rope.pair')}
          min={0}
          max={half - 1}
          value={i}
          onChange={setPair}
          valueText={t('teach.pos.rope.pairValue', {
            i,
            a: 2 * i,
            b: 2 * i + 1,
            theta: short(theta, 5),
          })}
        />
        <TeachSlider
          label={t('teach.pos.rope.position')}
          min={0}
          max={positions - 1}
          value={pos}
          onChange={setM}
          valueText={String(pos)}
        />
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
          details={[`base = ${short(base)}`]}
          barLabel={t('teach.export.score')}
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
    </TeachCard>
  );
}
