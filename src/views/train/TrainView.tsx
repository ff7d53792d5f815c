import './messages';
import { useEffect, useId, useMemo, useRef } from 'react';
import { schemeTableau10 } from 'd3-scale-chromatic';
import { useShallow } from 'zustand/react/shallow';
import { TRAIN_POSITIONALS, type TrainSettings } from '../../analysis/trainSettings';
import {
  TRAIN_TASK_IDS,
  makeTask,
  probeExample,
  type TrainTaskId,
} from '../../analysis/trainTasks';
import { useT, type MessageKey } from '../../i18n';
import { useAppStore, type TrainState } from '../../store';
import { matrixToRgba } from '../heatmap/color';
import { LinePlot, type PlotPoint, type PlotSeries } from '../teach/common/LinePlot';
import { NumberSelect } from '../teach/common/NumberSelect';
import { TeachCard } from '../teach/common/TeachCard';
import { TeachSlider } from '../teach/common/TeachSlider';
import { TrainExport } from './TrainExport';
import { TrainedModelCard } from './TrainedModelCard';
import '../teach/common/teach.css';
import './train.css';

/** At most this many points per curve are drawn (evenly thinned, the last one kept). */
const MAX_POINTS = 300;

export function thin<T>(points: readonly T[], max = MAX_POINTS): T[] {
  if (points.length <= max) return [...points];
  const stride = Math.ceil(points.length / max);
  const out = points.filter((_, i) => i % stride === 0);
  if (out[out.length - 1] !== points[points.length - 1]) out.push(points[points.length - 1]!);
  return out;
}

const percent = (x: number): string => `${(x * 100).toFixed(1)}%`;

function NumberField({
  label,
  value,
  step,
  onChange,
}: {
  label: string;
  value: number;
  step: number;
  onChange: (value: number) => void;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        step={step}
        value={Number.isFinite(value) ? value : ''}
        onChange={(e) => onChange(e.target.value === '' ? NaN : Number(e.target.value))}
      />
    </div>
  );
}

/** One head's [T][T] weights on a canvas, one pixel per cell scaled up with smoothing off. */
function HeadCanvas({ weights, t, label }: { weights: Float32Array; t: number; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    canvas.width = t;
    canvas.height = t;
    const image = ctx.createImageData(t, t);
    image.data.set(matrixToRgba(weights, t, t, 1));
    ctx.putImageData(image, 0, 0);
  }, [weights, t]);
  return <canvas ref={ref} className="train-head" role="img" aria-label={label} />;
}

function Controls({ settings }: { settings: TrainSettings }) {
  const t = useT();
  const set = useAppStore((s) => s.setTrainSettings);
  const taskId = useId();
  const posId = useId();
  return (
    <div className="teach-controls train-controls">
      <div className="field">
        <label htmlFor={taskId}>{t('train.task')}</label>
        <select
          id={taskId}
          value={settings.task}
          onChange={(e) => set({ task: e.target.value as TrainTaskId })}
        >
          {TRAIN_TASK_IDS.map((id) => (
            <option key={id} value={id}>
              {t(`train.task.${id}` as MessageKey)}
            </option>
          ))}
        </select>
        <p className="train-preset-note">{t('train.presetNote')}</p>
      </div>
      <NumberSelect
        label={t('train.layers')}
        value={settings.layers}
        options={[1, 2, 3, 4]}
        onChange={(layers) => set({ layers })}
      />
      <NumberSelect
        label={t('train.heads')}
        value={settings.heads}
        options={[1, 2, 3, 4, 5, 6, 7, 8]}
        onChange={(heads) => set({ heads })}
      />
      <NumberField
        label={t('train.dModel')}
        value={settings.dModel}
        step={8}
        onChange={(dModel) => set({ dModel })}
      />
      <div className="field">
        <label htmlFor={posId}>{t('train.positional')}</label>
        <select
          id={posId}
          value={settings.positional}
          onChange={(e) => set({ positional: e.target.value as TrainSettings['positional'] })}
        >
          {TRAIN_POSITIONALS.map((p) => (
            <option key={p} value={p}>
              {t(`train.pos.${p}` as MessageKey)}
            </option>
          ))}
        </select>
      </div>
      <NumberField
        label={t('train.learningRate')}
        value={settings.learningRate}
        step={0.001}
        onChange={(learningRate) => set({ learningRate })}
      />
      <NumberField
        label={t('train.batchSize')}
        value={settings.batchSize}
        step={1}
        onChange={(batchSize) => set({ batchSize })}
      />
      <NumberField
        label={t('train.seed')}
        value={settings.seed}
        step={1}
        onChange={(seed) => set({ seed })}
      />
    </div>
  );
}

function StatusLine({ train }: { train: TrainState }) {
  const t = useT();
  const text =
    train.status === 'running'
      ? t('train.status.running', { step: train.step })
      : train.status === 'paused'
        ? t('train.status.paused', { step: train.step })
        : train.status === 'diverged'
          ? t('train.status.diverged', { step: train.divergedAt ?? train.step })
          : train.status === 'error'
            ? t('train.status.error', { message: train.error ?? '' })
            : t('train.status.idle');
  return (
    <p
      className="teach-status"
      role="status"
      data-testid="train-status"
      data-worker-tensors={train.workerTensors ?? undefined}
    >
      {text}
      {train.stepsPerSecond !== null && train.status === 'running' && (
        <span className="train-speed" data-testid="train-speed">
          {' · '}
          {t('train.speed', { rate: train.stepsPerSecond.toFixed(1) })}
        </span>
      )}
    </p>
  );
}

export function TrainView() {
  const t = useT();
  const train = useAppStore((s) => s.train);
  const actions = useAppStore(
    useShallow((s) => ({
      start: s.startTraining,
      pause: s.pauseTraining,
      step: s.stepTraining,
      reset: s.resetTraining,
      setSnapshot: s.setTrainSnapshot,
    })),
  );
  const { settings, snapshots } = train;
  const task = useMemo(() => makeTask(settings.task), [settings.task]);
  const probe = useMemo(() => probeExample(task), [task]);
  const len = task.length;
  const shownIndex =
    snapshots.length === 0
      ? -1
      : Math.min(train.snapshotIndex ?? snapshots.length - 1, snapshots.length - 1);
  const shown = shownIndex >= 0 ? snapshots[shownIndex] : undefined;
  const lastAccuracy = train.accuracy[train.accuracy.length - 1];
  const running = train.status === 'running';
  const lossRef = useRef<HTMLElement>(null);
  const accuracyRef = useRef<HTMLElement>(null);

  const lossSeries: PlotSeries[] = useMemo(
    () => [
      {
        id: 'loss',
        label: t('train.series.loss'),
        color: schemeTableau10[0]!,
        points: thin(train.losses).map((p): PlotPoint => ({ x: p.step, y: p.value })),
        markers: false,
      },
    ],
    [train.losses, t],
  );
  const accuracySeries: PlotSeries[] = useMemo(
    () => [
      {
        id: 'accuracy',
        label: t('train.series.accuracy'),
        color: schemeTableau10[4]!,
        points: thin(train.accuracy).map((p): PlotPoint => ({ x: p.step, y: p.value * 100 })),
      },
    ],
    [train.accuracy, t],
  );
  const scoreSeries: PlotSeries[] = useMemo(() => {
    const list = thin(snapshots);
    const out: PlotSeries[] = [];
    for (let l = 0; l < settings.layers; l++)
      for (let h = 0; h < settings.heads; h++)
        out.push({
          id: `l${l}h${h}`,
          label: t('train.series.head', { layer: l + 1, head: h + 1 }),
          color: schemeTableau10[(l * settings.heads + h) % 10]!,
          dashed: l % 2 === 1,
          markers: false,
          points: list.map((s) => ({ x: s.step, y: s.scores[l]?.[h] ?? 0 })),
        });
    return out;
  }, [snapshots, settings.layers, settings.heads, t]);

  return (
    <section className="teach-view train-view" aria-labelledby="train-heading">
      <h2 id="train-heading">{t('train.heading')}</h2>
      <p className="teach-intro">{t('train.intro')}</p>

      <TeachCard title={t('train.settings')}>
        <Controls settings={settings} />
        <p className="train-pattern" data-testid="train-pattern">
          {t(`train.pattern.${settings.task}` as MessageKey)}
        </p>
        <p className="teach-note">{t('train.changeResets')}</p>
        {train.problem && (
          <p className="train-problem" role="alert">
            {t(train.problem.key, train.problem.values)}
          </p>
        )}
        <div className="train-buttons">
          <button
            type="button"
            onClick={actions.start}
            disabled={running || train.problem !== null || train.status === 'diverged'}
          >
            {t('train.start')}
          </button>
          <button type="button" onClick={actions.pause} disabled={!running}>
            {t('train.pause')}
          </button>
          <button
            type="button"
            onClick={actions.step}
            disabled={running || train.problem !== null || train.status === 'diverged'}
          >
            {t('train.step')}
          </button>
          <button type="button" onClick={actions.reset}>
            {t('train.reset')}
          </button>
        </div>
        <StatusLine train={train} />
      </TeachCard>

      <TeachCard title={t('train.curves')}>
        <div className="train-curves">
          <figure className="train-curve" ref={lossRef}>
            <LinePlot
              series={lossSeries}
              label={t('train.loss')}
              xLabel={t('train.axis.step')}
              yLabel={t('train.axis.loss')}
              height={200}
            />
          </figure>
          <figure className="train-curve" ref={accuracyRef}>
            <figcaption data-testid="train-accuracy-now">
              {lastAccuracy
                ? t('train.accuracyNow', { value: percent(lastAccuracy.value) })
                : t('train.accuracyNone')}
            </figcaption>
            <LinePlot
              series={accuracySeries}
              label={t('train.accuracy')}
              xLabel={t('train.axis.step')}
              yLabel={t('train.axis.accuracy')}
              yDomain={[0, 100]}
              height={200}
            />
          </figure>
        </div>
      </TeachCard>

      <TeachCard title={t('train.headsTitle')}>
        <p className="teach-note">
          {t('train.probe', { tokens: probe.input.map((x) => task.tokenLabel(x)).join(' ') })}
        </p>
        {shown ? (
          <>
            <TeachSlider
              label={t('train.snapshot')}
              value={shownIndex}
              min={0}
              max={Math.max(0, snapshots.length - 1)}
              onChange={(i) => actions.setSnapshot(i >= snapshots.length - 1 ? null : i)}
              valueText={t('train.snapshotValue', {
                step: shown.step,
                index: shownIndex + 1,
                count: snapshots.length,
              })}
            />
            <div
              className="train-grid"
              style={{ gridTemplateColumns: `repeat(${settings.heads}, auto)` }}
            >
              {shown.layers.flatMap((w, l) =>
                Array.from({ length: settings.heads }, (_, h) => {
                  const score = (shown.scores[l]?.[h] ?? 0).toFixed(2);
                  return (
                    <figure key={`${l}-${h}`} className="train-cell">
                      <HeadCanvas
                        weights={w.subarray(h * len * len, (h + 1) * len * len)}
                        t={len}
                        label={t('train.headLabel', {
                          layer: l + 1,
                          head: h + 1,
                          step: shown.step,
                          score,
                        })}
                      />
                      <figcaption>
                        {t('train.headCaption', { layer: l + 1, head: h + 1, score })}
                      </figcaption>
                    </figure>
                  );
                }),
              )}
            </div>
          </>
        ) : (
          <p className="teach-note">{t('train.noSnapshot')}</p>
        )}
      </TeachCard>

      <TeachCard title={t('train.scoresTitle')}>
        <LinePlot
          series={scoreSeries}
          label={t('train.scores')}
          xLabel={t('train.axis.step')}
          yLabel={t('train.axis.score')}
          yDomain={[0, 1]}
          {...(shown && { marker: shown.step })}
          height={200}
        />
      </TeachCard>

      <TeachCard title={t('train.use.title')}>
        <TrainedModelCard train={train} />
      </TeachCard>

      <TeachCard title={t('train.exportTitle')}>
        <TrainExport
          train={train}
          length={len}
          idealPattern={t(`train.pattern.${settings.task}` as MessageKey)}
          lossRef={lossRef}
          accuracyRef={accuracyRef}
        />
      </TeachCard>
    </section>
  );
}
