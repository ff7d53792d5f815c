import { useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { applyMask, maskCost, softmaxRows } from '../../../analysis/teach/matrix';
import { useT, type MessageKey } from '../../../i18n';
import { useAppStore } from '../../../store';
import type { TeachRun } from '../../../store/teachSlice';
import { percent } from '../common/format';
import { MatrixCanvas } from '../common/MatrixCanvas';
import { RunStatus, SourceBar } from '../common/SourceBar';
import { useTeachRun } from '../common/useTeach';
import '../common/teach.css';
import {
  customStart,
  GALLERY_KINDS,
  galleryMask,
  gallerySpec,
  maskPicture,
  padTo,
  valuesChecksum,
  type GalleryKind,
  type GallerySettings,
} from './masks';
import { useMaskRun, type MaskRun } from './useMaskRun';

const PAD = '[PAD]';

/** Tab "Masks": every mask recipe on the current tokens, with its cost and its effect. */
export function MasksView() {
  const t = useT();
  const headingId = useId();
  const slot = useAppStore((s) => s.teachSlot);
  const setSlot = useAppStore((s) => s.setTeachSlot);
  const model = useAppStore((s) => s.model);
  // The playground's tokens of the sentence (known after its first run; kept while re-running).
  const [tokenCount, setTokenCount] = useState(0);
  const [kind, setKind] = useState<GalleryKind>('window');
  const [radius, setRadius] = useState(1);
  const [dilation, setDilation] = useState(2);
  const [randomPerRow, setRandomPerRow] = useState(1);
  const [seed, setSeed] = useState(42);
  const [extraPad, setExtraPad] = useState(2);
  const [customState, setCustom] = useState<{ size: number; allowed: Uint8Array }>({
    size: 0,
    allowed: new Uint8Array(0),
  });
  // A new length starts a new custom mask (causal, a common starting point).
  const cols = tokenCount;
  const custom = useMemo(
    () =>
      customState.size === cols
        ? customState
        : { size: cols, allowed: customStart(cols, 'causal') },
    [customState, cols],
  );

  const settings: GallerySettings = useMemo(
    () => ({
      radius,
      dilation,
      randomPerRow,
      seed,
      globalTokens: [0],
      validLength: cols,
      custom,
    }),
    [radius, dilation, randomPerRow, seed, cols, custom],
  );
  // The selected mask, applied to the playground model live (padding is shown in the page).
  const spec = useMemo(
    () => gallerySpec(kind === 'padding' ? 'none' : kind, settings),
    [kind, settings],
  );
  const run = useMaskRun(slot, spec);
  const inter = run.intermediates;
  const rows = inter?.queryLength ?? 0;
  if (inter && inter.keyLength !== tokenCount) setTokenCount(inter.keyLength);

  return (
    <section className="teach" aria-labelledby={headingId}>
      <header className="teach-header">
        <h2 id={headingId}>{t('teach.masks.title')}</h2>
        <p>{t('teach.masks.intro')}</p>
      </header>
      <div className="teach-body">
        <fieldset className="teach-radio">
          <legend>{t('teach.source.sentence')}</legend>
          {(['A', 'B'] as const).map((s) => (
            <label key={s}>
              <input
                type="radio"
                name="teach-slot"
                checked={slot === s}
                onChange={() => setSlot(s)}
              />
              {t(s === 'A' ? 'input.sentenceA' : 'input.sentenceB')}
            </label>
          ))}
        </fieldset>
        <p className="teach-source-line" data-testid="mask-source">
          {t('teach.source.line', {
            model: t('teach.model.playground'),
            kind: t(`view.kind.${inter?.kind ?? 'encoder-self'}`),
            layer: run.layer + 1,
            head: run.head + 1,
          })}
          {inter && <> · d_k = {inter.headSize}</>}
        </p>
        <p className="teach-note">{t('teach.masks.source')}</p>
        {model !== 'playground' && (
          <p className="teach-note" data-testid="mask-other-model">
            {t('teach.masks.otherModel')}
          </p>
        )}
        <RunStatus run={run} />
        {inter && (
          <>
            <div className="teach-controls">
              <Slider
                label={t('teach.masks.radius')}
                value={radius}
                min={0}
                max={Math.max(1, cols - 1)}
                onChange={setRadius}
                valueText={t('teach.masks.radiusValue', { r: radius, w: 2 * radius + 1 })}
              />
              <Slider
                label={t('teach.masks.dilation')}
                value={dilation}
                min={1}
                max={4}
                onChange={setDilation}
                valueText={String(dilation)}
              />
              <Slider
                label={t('teach.masks.random')}
                value={randomPerRow}
                min={0}
                max={3}
                onChange={setRandomPerRow}
                valueText={String(randomPerRow)}
              />
              <Slider
                label={t('teach.masks.extraPad')}
                value={extraPad}
                min={0}
                max={8}
                onChange={setExtraPad}
                valueText={t('teach.masks.extraPadValue', { n: extraPad })}
              />
              <div className="field">
                <label htmlFor="teach-mask-seed">{t('teach.seed')}</label>
                <input
                  id="teach-mask-seed"
                  type="number"
                  min={0}
                  value={seed}
                  onChange={(e) => setSeed(Math.max(0, Math.floor(Number(e.target.value) || 0)))}
                />
              </div>
            </div>
            <Gallery
              kind={kind}
              onKind={setKind}
              settings={settings}
              rows={rows}
              cols={cols}
              extraPad={extraPad}
            />
            {kind === 'padding' ? (
              <PaddingDetail slot={slot} extraPad={extraPad} />
            ) : (
              <Detail
                kind={kind}
                run={run}
                settings={settings}
                onToggle={
                  kind === 'custom'
                    ? (q, k) => {
                        const allowed = custom.allowed.slice();
                        allowed[q * custom.size + k] = allowed[q * custom.size + k] ? 0 : 1;
                        setCustom({ size: custom.size, allowed });
                      }
                    : undefined
                }
                onPreset={(preset) => setCustom({ size: cols, allowed: customStart(cols, preset) })}
              />
            )}
          </>
        )}
      </div>
    </section>
  );
}

interface SliderProps {
  label: string;
  value: number;
  min: number;
  max: number;
  onChange: (value: number) => void;
  valueText: string;
}

function Slider({ label, value, min, max, onChange, valueText }: SliderProps) {
  const id = useId();
  return (
    <div className="field teach-slider">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="range"
        min={min}
        max={max}
        step={1}
        value={Math.min(max, value)}
        aria-valuetext={valueText}
        onChange={(e) => onChange(Number(e.target.value))}
      />
      <span className="field-hint">{valueText}</span>
    </div>
  );
}

const KIND_KEY: Record<GalleryKind, MessageKey> = {
  none: 'teach.masks.kind.none',
  causal: 'teach.masks.kind.causal',
  padding: 'teach.masks.kind.padding',
  window: 'teach.masks.kind.window',
  dilated: 'teach.masks.kind.dilated',
  'global-window': 'teach.masks.kind.global-window',
  bigbird: 'teach.masks.kind.bigbird',
  custom: 'teach.masks.kind.custom',
};

const EXPLAIN_KEY: Record<GalleryKind, MessageKey> = {
  none: 'teach.masks.explain.none',
  causal: 'teach.masks.explain.causal',
  padding: 'teach.masks.explain.padding',
  window: 'teach.masks.explain.window',
  dilated: 'teach.masks.explain.dilated',
  'global-window': 'teach.masks.explain.global-window',
  bigbird: 'teach.masks.explain.bigbird',
  custom: 'teach.masks.explain.custom',
};

interface GalleryProps {
  kind: GalleryKind;
  onKind: (kind: GalleryKind) => void;
  settings: GallerySettings;
  rows: number;
  cols: number;
  /** [PAD] tokens added after the sentence (a batch of fixed length). */
  extraPad: number;
}

function Gallery({ kind, onKind, settings, rows, cols, extraPad }: GalleryProps) {
  const t = useT();
  return (
    <fieldset className="teach-gallery">
      <legend>{t('teach.masks.gallery')}</legend>
      {GALLERY_KINDS.map((k) => {
        // Padding: this sentence inside a batch length (the sentence + extra [PAD]).
        const width = k === 'padding' ? cols + extraPad : cols;
        const height = k === 'padding' ? rows + extraPad : rows;
        const mask = galleryMask(k, settings, height, width);
        const cost = maskCost(mask.allowed, mask.rows, mask.cols);
        return (
          <label key={k} className={`teach-gallery-item${k === kind ? ' is-active' : ''}`}>
            <span className="teach-gallery-head">
              <input
                type="radio"
                name="teach-mask-kind"
                checked={k === kind}
                onChange={() => onKind(k)}
              />
              <span className="teach-gallery-name">{t(KIND_KEY[k])}</span>
            </span>
            <MaskThumb mask={mask.allowed} rows={mask.rows} cols={mask.cols} />
            <span className="teach-gallery-cost" data-testid={`mask-cost-${k}`}>
              {t('teach.masks.cost', {
                pairs: cost.pairs,
                full: cost.full,
                percent: percent(cost.fraction),
              })}
            </span>
          </label>
        );
      })}
    </fieldset>
  );
}

/** A tiny picture of a mask: allowed cells filled, masked cells blank. Decorative (the text
 * beside it gives the count). */
function MaskThumb({ mask, rows, cols }: { mask: Uint8Array; rows: number; cols: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useLayoutEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const image = ctx.createImageData(cols, rows);
    for (let i = 0; i < rows * cols; i++) {
      const on = mask[i] === 1;
      image.data[i * 4] = on ? 74 : 200;
      image.data[i * 4 + 1] = on ? 58 : 204;
      image.data[i * 4 + 2] = on ? 168 : 212;
      image.data[i * 4 + 3] = on ? 255 : 90;
    }
    ctx.putImageData(image, 0, 0);
  }, [mask, rows, cols]);
  const side = 72;
  const cell = Math.max(1, Math.floor(side / Math.max(rows, cols, 1)));
  return (
    <canvas
      ref={ref}
      className="teach-thumb"
      width={cols}
      height={rows}
      style={{ width: cols * cell, height: rows * cell }}
      aria-hidden="true"
    />
  );
}

interface DetailProps {
  kind: GalleryKind;
  run: MaskRun;
  settings: GallerySettings;
  onToggle?: (q: number, k: number) => void;
  onPreset: (preset: 'all' | 'diagonal' | 'causal') => void;
}

function Detail({ kind, run, settings, onToggle, onPreset }: DetailProps) {
  const t = useT();
  const inter = run.intermediates!;
  const rows = inter.queryLength;
  const cols = inter.keyLength;
  const mask = useMemo(() => galleryMask(kind, settings, rows, cols), [kind, settings, rows, cols]);
  // The mask the engine really used (a decoder adds causal): the pairs it left finite.
  const used = useMemo(
    () => Uint8Array.from(inter.maskedScores, (v) => (v === -Infinity ? 0 : 1)),
    [inter],
  );
  const cost = maskCost(used, rows, cols);
  const name = t(KIND_KEY[kind]);
  return (
    <div className="teach-card">
      <h3>{name}</h3>
      <p>{t(EXPLAIN_KEY[kind])}</p>
      <p className="teach-readout" data-testid="mask-pairs">
        {t('teach.masks.pairs', {
          pairs: cost.pairs,
          full: cost.full,
          n: rows,
          percent: percent(cost.fraction),
        })}
      </p>
      {kind === 'custom' && (
        <div className="teach-card-inner">
          <p>{t('teach.masks.custom.help')}</p>
          <div className="teach-row">
            <button type="button" className="button" onClick={() => onPreset('all')}>
              {t('teach.masks.custom.all')}
            </button>
            <button type="button" className="button" onClick={() => onPreset('diagonal')}>
              {t('teach.masks.custom.diagonal')}
            </button>
            <button type="button" className="button" onClick={() => onPreset('causal')}>
              {t('teach.masks.custom.causal')}
            </button>
          </div>
          <MatrixCanvas
            values={maskPicture(mask)}
            rows={rows}
            cols={cols}
            rowLabels={run.rowTokens}
            colLabels={run.colTokens}
            label={t('teach.masks.custom.label')}
            scheme="sequential"
            domain={[0, 1]}
            showValues={false}
            maxCell={32}
            onCellToggle={onToggle}
            describe={(r, c, v) =>
              `${run.rowTokens[r] ?? r} → ${run.colTokens[c] ?? c}: ${
                v === 1 ? t('teach.steps.allowed') : t('teach.steps.masked')
              }`
            }
          />
        </div>
      )}
      <Triptych
        name={name}
        rows={rows}
        cols={cols}
        rowTokens={run.rowTokens}
        colTokens={run.colTokens}
        before={inter.scaledScores}
        after={inter.maskedScores}
        weights={inter.weights}
        dim={run.state === 'loading'}
      />
    </div>
  );
}

interface TriptychProps {
  name: string;
  rows: number;
  cols: number;
  rowTokens: readonly string[];
  colTokens: readonly string[];
  before: ArrayLike<number>;
  after: ArrayLike<number>;
  weights: ArrayLike<number>;
  /** The numbers are being recomputed (shown dimmed until the new ones arrive). */
  dim?: boolean;
}

/** Scores before masking, after masking, and the softmax, side by side. */
function Triptych({
  name,
  rows,
  cols,
  rowTokens,
  colTokens,
  before,
  after,
  weights,
  dim = false,
}: TriptychProps) {
  const t = useT();
  const checksum = useMemo(() => valuesChecksum(weights), [weights]);
  return (
    <div className="teach-triptych" style={dim ? { opacity: 0.6 } : undefined} aria-busy={dim}>
      <figure>
        <figcaption>{t('teach.masks.before')}</figcaption>
        <MatrixCanvas
          values={before}
          rows={rows}
          cols={cols}
          rowLabels={rowTokens}
          colLabels={colTokens}
          label={t('teach.masks.beforeLabel', { name })}
          scheme="diverging"
          digits={1}
        />
      </figure>
      <figure>
        <figcaption>{t('teach.masks.after')}</figcaption>
        <MatrixCanvas
          values={after}
          rows={rows}
          cols={cols}
          rowLabels={rowTokens}
          colLabels={colTokens}
          label={t('teach.masks.afterLabel', { name })}
          scheme="diverging"
          digits={1}
        />
      </figure>
      <figure data-testid="mask-softmax" data-checksum={checksum}>
        <figcaption>{t('teach.masks.softmax')}</figcaption>
        <MatrixCanvas
          values={weights}
          rows={rows}
          cols={cols}
          rowLabels={rowTokens}
          colLabels={colTokens}
          label={t('teach.masks.softmaxLabel', { name })}
          domain={[0, 1]}
          digits={2}
        />
      </figure>
    </div>
  );
}

interface PaddingDetailProps {
  slot: 'A' | 'B';
  extraPad: number;
}

/**
 * Sentences A and B of the selected model padded to the same length: [PAD] keys masked, real rows
 * unchanged (computed in the page from each sentence's own run: padding needs a batch).
 */
function PaddingDetail({ slot, extraPad }: PaddingDetailProps) {
  const t = useT();
  const run = useTeachRun(slot);
  const other = useTeachRun(slot === 'A' ? 'B' : 'A');
  const pair = slot === 'A' ? [run, other] : [other, run];
  const ready = pair.every((r) => r.intermediates);
  if (!ready)
    return (
      <div className="teach-card">
        <h3>{t('teach.masks.kind.padding')}</h3>
        <p>{t('teach.masks.explain.padding')}</p>
        <SourceBar run={run.intermediates ? other : run} pickSlot={false} />
      </div>
    );
  const R = Math.max(...pair.map((r) => r.intermediates!.queryLength)) + extraPad;
  const C = Math.max(...pair.map((r) => r.intermediates!.keyLength)) + extraPad;
  return (
    <div className="teach-card">
      <h3>{t('teach.masks.kind.padding')}</h3>
      <p>{t('teach.masks.explain.padding')}</p>
      <SourceBar run={run} pickSlot={false} />
      <p className="teach-note">{t('teach.masks.padding.note', { length: C })}</p>
      {pair.map((r, i) => (
        <PaddedSentence
          key={i}
          run={r}
          name={t(i === 0 ? 'input.sentenceA' : 'input.sentenceB')}
          R={R}
          C={C}
        />
      ))}
    </div>
  );
}

function PaddedSentence({
  run,
  name,
  R,
  C,
}: {
  run: TeachRun;
  name: string;
  R: number;
  C: number;
}) {
  const t = useT();
  const inter = run.intermediates!;
  const rows = inter.queryLength;
  const cols = inter.keyLength;
  const { before, after, weights, cost, rowTokens, colTokens } = useMemo(() => {
    const padded = padTo(inter.scaledScores, rows, cols, R, C);
    const mask = galleryMask(
      'padding',
      {
        radius: 0,
        dilation: 1,
        randomPerRow: 0,
        seed: 0,
        globalTokens: [],
        validLength: cols,
        custom: { size: 0, allowed: new Uint8Array(0) },
      },
      R,
      C,
    );
    const masked = applyMask(padded, mask.allowed);
    const soft = softmaxRows(
      padTo(inter.scaledScores, rows, cols, rows, C).map((v, i) => (i % C < cols ? v : -Infinity)),
      rows,
      C,
    );
    return {
      before: padded,
      after: masked,
      weights: padTo(soft, rows, C, R, C),
      cost: maskCost(mask.allowed, R, C),
      rowTokens: [...run.rowTokens, ...new Array<string>(R - rows).fill(PAD)],
      colTokens: [...run.colTokens, ...new Array<string>(C - cols).fill(PAD)],
    };
  }, [inter, rows, cols, R, C, run.rowTokens, run.colTokens]);
  return (
    <section className="teach-card-inner" aria-label={name}>
      <h4>{name}</h4>
      <p className="teach-readout" data-testid="mask-pairs-padding">
        {t('teach.masks.pairs', {
          pairs: cost.pairs,
          full: cost.full,
          n: R,
          percent: percent(cost.fraction),
        })}
      </p>
      <Triptych
        name={`${t('teach.masks.kind.padding')} · ${name}`}
        rows={R}
        cols={C}
        rowTokens={rowTokens}
        colTokens={colTokens}
        before={before}
        after={after}
        weights={weights}
      />
    </section>
  );
}
