import { useMemo, useState } from 'react';
import {
  attendAll,
  CAT_MAT_EXAMPLE,
  DICTIONARY_EXAMPLE,
  scoresForWeights,
  softLookup,
  softmax,
} from '../../../analysis/teach/attention';
import { useT } from '../../../i18n';
import { fixed, parseNumber, short } from '../common/format';
import { TeachCard } from '../common/TeachCard';
import { TokenPicker } from '../common/TokenPicker';

type Grid = string[][];

const toGrid = (rows: readonly (readonly number[])[]): Grid => rows.map((r) => r.map(String));
const parseGrid = (grid: Grid): number[][] => grid.map((r) => r.map((c) => parseNumber(c) ?? 0));

/**
 * "By hand": small editable Q, K, V for "The cat sat on the mat" (d_k = 4) and the dictionary
 * example; every intermediate is recomputed as you type.
 */
export function ByHand() {
  return (
    <div className="teach-body">
      <CatMat />
      <Dictionary />
    </div>
  );
}

function CatMat() {
  const t = useT();
  const tokens = CAT_MAT_EXAMPLE.tokens;
  const [tied, setTied] = useState(true);
  const [shared, setShared] = useState<Grid>(() => toGrid(CAT_MAT_EXAMPLE.vectors));
  const [qGrid, setQ] = useState<Grid>(() => toGrid(CAT_MAT_EXAMPLE.vectors));
  const [kGrid, setK] = useState<Grid>(() => toGrid(CAT_MAT_EXAMPLE.vectors));
  const [vGrid, setV] = useState<Grid>(() => toGrid(CAT_MAT_EXAMPLE.vectors));
  const [query, setQuery] = useState<number>(CAT_MAT_EXAMPLE.query);

  const { Q, K, V } = useMemo(() => {
    if (tied) {
      const m = parseGrid(shared);
      return { Q: m, K: m, V: m };
    }
    return { Q: parseGrid(qGrid), K: parseGrid(kGrid), V: parseGrid(vGrid) };
  }, [tied, shared, qGrid, kGrid, vGrid]);
  const all = useMemo(() => attendAll(Q, K, V), [Q, K, V]);
  const step = all[query]!;
  const dk = Q[0]?.length ?? 4;

  const reset = (): void => {
    const g = toGrid(CAT_MAT_EXAMPLE.vectors);
    setShared(g);
    setQ(g);
    setK(g);
    setV(g);
  };

  return (
    <TeachCard title={t('teach.hand.cat.title')}>
      <p>{t('teach.hand.cat.intro')}</p>
      <div className="teach-row">
        <label className="teach-check">
          <input
            type="checkbox"
            checked={tied}
            onChange={(e) => {
              if (!e.target.checked) {
                setQ(shared);
                setK(shared);
                setV(shared);
              }
              setTied(e.target.checked);
            }}
          />
          {t('teach.hand.cat.tied')}
        </label>
        <button type="button" className="button" onClick={reset}>
          {t('teach.hand.reset')}
        </button>
      </div>
      <div className="teach-editors">
        {tied ? (
          <GridEditor name="Q = K = V" grid={shared} tokens={tokens} onChange={setShared} />
        ) : (
          <>
            <GridEditor name="Q" grid={qGrid} tokens={tokens} onChange={setQ} />
            <GridEditor name="K" grid={kGrid} tokens={tokens} onChange={setK} />
            <GridEditor name="V" grid={vGrid} tokens={tokens} onChange={setV} />
          </>
        )}
      </div>
      <TokenPicker
        tokens={tokens}
        value={query}
        onChange={setQuery}
        label={t('teach.steps.pickQuery')}
      />
      <div className="teach-table-wrap" tabIndex={0}>
        <table className="teach-table" data-testid="hand-steps">
          <caption>{t('teach.hand.cat.caption', { token: tokens[query] ?? '' })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('teach.hand.step')}</th>
              {tokens.map((tok, j) => (
                <th key={j} scope="col">
                  {tok}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">q·k</th>
              {step.dots.map((v, j) => (
                <td key={j} className="num">
                  {fixed(v, 3)}
                </td>
              ))}
            </tr>
            <tr>
              <th scope="row">
                ÷ √{dk} = × {short(step.scale, 4)}
              </th>
              {step.scaled.map((v, j) => (
                <td key={j} className="num">
                  {fixed(v, 3)}
                </td>
              ))}
            </tr>
            <tr>
              <th scope="row">e^s</th>
              {step.scaled.map((v, j) => (
                <td key={j} className="num">
                  {fixed(Math.exp(v), 3)}
                </td>
              ))}
            </tr>
            <tr>
              <th scope="row">softmax</th>
              {step.weights.map((v, j) => (
                <td key={j} className="num">
                  {fixed(v, 4)}
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
      <p className="teach-readout">
        {t('teach.hand.cat.denominator', {
          sum: fixed(
            step.scaled.reduce((a, v) => a + Math.exp(v), 0),
            3,
          ),
        })}
      </p>
      <p>
        {t('teach.hand.cat.output', { token: tokens[query] ?? '' })}{' '}
        <output className="teach-result" aria-label={t('teach.hand.cat.outputLabel')}>
          [{step.output.map((v) => fixed(v, 3)).join(', ')}]
        </output>
      </p>
      <h4>{t('teach.hand.cat.matrix')}</h4>
      <div className="teach-table-wrap" tabIndex={0}>
        <table className="teach-table" data-testid="hand-weights">
          <caption className="sr-only">{t('teach.hand.cat.matrix')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('teach.hand.queryKey')}</th>
              {tokens.map((tok, j) => (
                <th key={j} scope="col">
                  {tok}
                </th>
              ))}
              <th scope="col">Σ</th>
            </tr>
          </thead>
          <tbody>
            {all.map((row, i) => (
              <tr key={i} className={i === query ? 'is-active' : undefined}>
                <th scope="row">{tokens[i]}</th>
                {row.weights.map((w, j) => (
                  <td key={j} className="num">
                    {fixed(w, 3)}
                  </td>
                ))}
                <td className="num">
                  {fixed(
                    row.weights.reduce((a, b) => a + b, 0),
                    3,
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </TeachCard>
  );
}

interface GridEditorProps {
  name: string;
  grid: Grid;
  tokens: readonly string[];
  onChange: (grid: Grid) => void;
}

function GridEditor({ name, grid, tokens, onChange }: GridEditorProps) {
  const t = useT();
  return (
    <table className="teach-grid-editor">
      <caption>{name}</caption>
      <tbody>
        {grid.map((row, i) => (
          <tr key={i}>
            <th scope="row">{tokens[i]}</th>
            {row.map((cell, j) => (
              <td key={j}>
                <input
                  inputMode="decimal"
                  value={cell}
                  aria-label={t('teach.hand.cell', {
                    matrix: name,
                    token: tokens[i] ?? '',
                    dim: j + 1,
                  })}
                  aria-invalid={parseNumber(cell) === null}
                  onChange={(e) =>
                    onChange(
                      grid.map((r, a) =>
                        a === i ? r.map((c, b) => (b === j ? e.target.value : c)) : r,
                      ),
                    )
                  }
                />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Dictionary() {
  const t = useT();
  const { keys } = DICTIONARY_EXAMPLE;
  const [values, setValues] = useState<string[]>(() => DICTIONARY_EXAMPLE.values.map(String));
  const [weights, setWeights] = useState<string[]>(() => DICTIONARY_EXAMPLE.weights.map(String));
  const v = values.map((x) => parseNumber(x) ?? 0);
  const w = weights.map((x) => parseNumber(x) ?? 0);
  const result = softLookup(w, v);
  const total = w.reduce((a, b) => a + b, 0);
  const scores = scoresForWeights(w.map((x) => Math.max(0, x)));
  const fromScores = softmax(scores);
  const update = (list: string[], i: number, text: string): string[] =>
    list.map((x, j) => (j === i ? text : x));
  return (
    <TeachCard title={t('teach.hand.dict.title')}>
      <p>{t('teach.hand.dict.intro')}</p>
      <div className="teach-table-wrap" tabIndex={0}>
        <table className="teach-table">
          <thead>
            <tr>
              <th scope="col">{t('teach.hand.dict.key')}</th>
              <th scope="col">{t('teach.hand.dict.value')}</th>
              <th scope="col">{t('teach.hand.dict.weight')}</th>
              <th scope="col">{t('teach.hand.dict.score')}</th>
              <th scope="col">{t('teach.hand.dict.product')}</th>
            </tr>
          </thead>
          <tbody>
            {keys.map((key, i) => (
              <tr key={key}>
                <th scope="row">{key}</th>
                <td>
                  <input
                    className="teach-input"
                    inputMode="decimal"
                    value={values[i]}
                    aria-label={t('teach.hand.dict.valueOf', { key })}
                    onChange={(e) => setValues(update(values, i, e.target.value))}
                  />
                </td>
                <td>
                  <input
                    className="teach-input"
                    inputMode="decimal"
                    value={weights[i]}
                    aria-label={t('teach.hand.dict.weightOf', { key })}
                    onChange={(e) => setWeights(update(weights, i, e.target.value))}
                  />
                </td>
                <td className="num">{fixed(scores[i] ?? 0, 3)}</td>
                <td className="num">{short((w[i] ?? 0) * (v[i] ?? 0), 4)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="teach-sum">
        {keys.map((_, i) => `${short(w[i] ?? 0)} × ${short(v[i] ?? 0)}`).join(' + ')} ={' '}
        <output className="teach-result" aria-label={t('teach.hand.dict.result')}>
          {short(result, 4)}
        </output>
      </p>
      {Math.abs(total - 1) > 1e-9 && (
        <p className="teach-note">{t('teach.hand.dict.notOne', { sum: short(total, 4) })}</p>
      )}
      <p>
        {t('teach.hand.dict.softmax', {
          weights: fromScores.map((x) => short(x, 3)).join(' / '),
        })}
      </p>
    </TeachCard>
  );
}
