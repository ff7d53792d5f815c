import { useState } from 'react';
import { HEAD_PATTERNS, METRIC_NAMES, PATTERN_THRESHOLDS, type HeadPattern } from '../../analysis';
import { useT, type MessageKey } from '../../i18n';
import type { HeadRef } from '../../store/types';
import { HeadOffBadge } from '../ablation/HeadOffSwitch';
import { formatBits, formatMetric } from '../heads/format';
import type { BlockMetrics } from '../heads/headOrder';
import { headLabel } from '../heads/thumbnails';
import type { RankingRow } from './ranking';

/** Rows of the ranking table shown before "Show all". */
const RANKING_PREVIEW = 12;

export interface RankingTableProps {
  rows: readonly RankingRow[];
  word: string;
  current: HeadRef;
  selected: readonly HeadRef[];
  onShow: (ref: HeadRef) => void;
  onToggle: (ref: HeadRef) => void;
}

const isIn = (list: readonly HeadRef[], r: HeadRef) =>
  list.some((x) => x.layer === r.layer && x.head === r.head);

function PatternTag({ pattern }: { pattern: HeadPattern | null }) {
  const t = useT();
  if (!pattern) return <span className="cmp-muted">…</span>;
  return (
    <span className={`cmp-pattern cmp-pattern-${pattern}`}>{t(`analysis.pattern.${pattern}`)}</span>
  );
}

/** Heads ranked by the Jensen–Shannon divergence of the focus word's attention in A and B. */
export function RankingTable({
  rows,
  word,
  current,
  selected,
  onShow,
  onToggle,
}: RankingTableProps) {
  const t = useT();
  const [all, setAll] = useState(false);
  const shown = all ? rows : rows.slice(0, RANKING_PREVIEW);
  return (
    <div className="cmp-table-wrap">
      <table className="cmp-table">
        <caption className="sr-only">{t('compare.rankingCaption', { word })}</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t('compare.col.head')}</th>
            <th scope="col" className="cmp-col-wide">
              {t('compare.col.jsd')}
            </th>
            <th scope="col">{t('compare.col.patternA')}</th>
            <th scope="col">{t('compare.col.patternB')}</th>
            <th scope="col">{t('compare.col.select')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => {
            const ref = { layer: r.layer, head: r.head };
            const isCurrent = r.layer === current.layer && r.head === current.head;
            return (
              <tr key={`${r.layer}-${r.head}`} className={isCurrent ? 'is-current' : undefined}>
                <td className="cmp-num">{r.rank}</td>
                <td>
                  <button
                    type="button"
                    className="cmp-link"
                    aria-label={t('compare.showHead', { label: r.label })}
                    onClick={() => onShow(ref)}
                  >
                    {r.label}
                  </button>
                  <HeadOffBadge layer={r.layer} head={r.head} />
                </td>
                <td className="cmp-col-wide">
                  <span className="cmp-jsd-cell">
                    <span className="cmp-jsd-track" aria-hidden="true">
                      <span className="cmp-jsd-bar" style={{ width: `${r.bar * 100}%` }} />
                    </span>
                    <span className="cmp-num">{formatBits(r.divergence)}</span>
                  </span>
                </td>
                <td>
                  <PatternTag pattern={r.patternA} />
                </td>
                <td>
                  <PatternTag pattern={r.patternB} />
                </td>
                <td>
                  <input
                    type="checkbox"
                    checked={isIn(selected, ref)}
                    aria-label={t('compare.selectHead', { label: r.label })}
                    onChange={() => onToggle(ref)}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {rows.length > RANKING_PREVIEW && (
        <button type="button" className="button cmp-more" onClick={() => setAll(!all)}>
          {all ? t('compare.showFewer') : t('compare.showAll', { count: rows.length })}
        </button>
      )}
    </div>
  );
}

export interface MetricsTableProps {
  metrics: BlockMetrics;
  name: string;
  current: HeadRef;
  selected: readonly HeadRef[];
  onShow: (ref: HeadRef) => void;
  onToggle: (ref: HeadRef) => void;
}

/** Every head's metrics and pattern label for one sentence. */
export function MetricsTable({
  metrics,
  name,
  current,
  selected,
  onShow,
  onToggle,
}: MetricsTableProps) {
  const t = useT();
  const rows: HeadRef[] = [];
  for (let layer = 0; layer < metrics.layers; layer++)
    for (let head = 0; head < metrics.heads; head++) rows.push({ layer, head });
  return (
    <div className="cmp-table-wrap cmp-metrics-wrap">
      <table className="cmp-table cmp-metrics">
        <caption className="sr-only">{t('compare.metricsCaption', { name })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('compare.col.head')}</th>
            {METRIC_NAMES.map((m) => (
              <th key={m} scope="col" className="cmp-num" title={t(`analysis.metric.${m}`)}>
                {t(`analysis.metricShort.${m}`)}
              </th>
            ))}
            <th scope="col">{t('compare.col.pattern')}</th>
            <th scope="col">{t('compare.col.select')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((ref) => {
            const i = ref.layer * metrics.heads + ref.head;
            const label = headLabel(ref.layer, ref.head);
            const isCurrent = ref.layer === current.layer && ref.head === current.head;
            return (
              <tr key={i} className={isCurrent ? 'is-current' : undefined}>
                <td>
                  <button
                    type="button"
                    className="cmp-link"
                    aria-label={t('compare.showHead', { label })}
                    onClick={() => onShow(ref)}
                  >
                    {label}
                  </button>
                  <HeadOffBadge layer={ref.layer} head={ref.head} />
                </td>
                {METRIC_NAMES.map((m) => (
                  <td key={m} className="cmp-num">
                    {formatMetric(m, metrics.metrics[m][i]!)}
                  </td>
                ))}
                <td>
                  <PatternTag pattern={metrics.patterns[i] ?? null} />
                </td>
                <td>
                  <input
                    type="checkbox"
                    checked={isIn(selected, ref)}
                    aria-label={t('compare.selectHead', { label })}
                    onChange={() => onToggle(ref)}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

const RULE_KEYS: Record<HeadPattern, MessageKey> = {
  'previous-token': 'compare.rule.previous-token',
  'next-token': 'compare.rule.next-token',
  self: 'compare.rule.self',
  'first-token': 'compare.rule.first-token',
  broad: 'compare.rule.broad',
  local: 'compare.rule.local',
  other: 'compare.rule.other',
};

const percent = (v: number) => `${Math.round(v * 100)}%`;

/** The pattern rules with the analysis module's thresholds, in the order they are tried. */
export function PatternRules() {
  const t = useT();
  const th = PATTERN_THRESHOLDS;
  const values = {
    previous: percent(th.previousToken),
    next: percent(th.nextToken),
    self: percent(th.self),
    sink: percent(th.sink),
    entropy: th.broadEntropy.toFixed(2),
    distance: String(th.localDistance),
  };
  return (
    <div className="cmp-rules">
      <p className="an-note">{t('compare.rulesIntro')}</p>
      <ol>
        {HEAD_PATTERNS.map((p) => (
          <li key={p}>
            <span className={`cmp-pattern cmp-pattern-${p}`}>{t(`analysis.pattern.${p}`)}</span>{' '}
            {t(RULE_KEYS[p], values)}
          </li>
        ))}
      </ol>
    </div>
  );
}
