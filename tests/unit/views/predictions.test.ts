/**
 * The predictions panel: its pure helpers (visible spaces, percentages), its strings in both
 * languages, and its markup rendered on the server from a store holding predictions (accessible
 * names the browser tests use, probabilities under the temperature, when it shows at all).
 */
import { createElement, type FunctionComponent } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { translate } from '../../../src/i18n/translate';
import { resetAppStore, useAppStore } from '../../../src/store';
import type { HfModelInfo, NextTokenPredictions } from '../../../src/worker/protocol';
import {
  formatProbability,
  formatTemperature,
  visibleTokenText,
} from '../../../src/views/predictions/format';

// The tests' tsconfig has no JSX: load the component by a path the type checker does not follow.
const PANEL: string = '../../../src/views/predictions/PredictionsPanel.tsx';
const { PredictionsPanel } = (await import(PANEL)) as {
  PredictionsPanel: FunctionComponent<{ slot: 'A' | 'B'; name: string }>;
};

// Server rendering reads a store's initial state and cannot subscribe to the lazily registered
// dictionaries: the panel reads the store's current state, and English strings, directly.
vi.mock('../../../src/i18n/useT', () => ({
  useT: () => (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
    translate('en', key, params),
}));
vi.mock('../../../src/store', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/store')>();
  const hook = <T>(selector: (s: ReturnType<typeof real.useAppStore.getState>) => T): T =>
    selector(real.useAppStore.getState());
  return { ...real, useAppStore: Object.assign(hook, real.useAppStore) };
});

describe('visibleTokenText', () => {
  it('shows spaces, tabs and line breaks', () => {
    expect(visibleTokenText(' river')).toBe('␣river');
    expect(visibleTokenText('  ')).toBe('␣␣');
    expect(visibleTokenText('\n')).toBe('↵');
    expect(visibleTokenText('a\tb\r')).toBe('a⇥b␍');
    expect(visibleTokenText('\u00a0x')).toBe('⍽x');
    expect(visibleTokenText('')).toBe('""');
    expect(visibleTokenText('<|endoftext|>')).toBe('<|endoftext|>');
  });
});

describe('formatProbability / formatTemperature', () => {
  it('writes one decimal, and never 0% for a possible token', () => {
    expect(formatProbability('en', 0.4234)).toBe('42.3%');
    expect(formatProbability('en', 1)).toBe('100.0%');
    expect(formatProbability('en', 0)).toBe('0.0%');
    expect(formatProbability('en', 0.0001)).toBe('<0.1%');
    expect(formatProbability('zh', 0.5)).toMatch(/^50\.0\s?%$/);
    expect(formatTemperature('en', 1)).toBe('1.0');
    expect(formatTemperature('en', 0.25)).toBe('0.25');
  });
});

describe('strings', () => {
  it('names the list and the slider as the browser tests expect, in both languages', () => {
    expect(translate('en', 'predictions.label', { name: 'Sentence A' })).toBe(
      'Predictions for Sentence A',
    );
    expect(translate('en', 'predictions.temperature')).toBe('Temperature');
    expect(translate('zh', 'predictions.label', { name: '句子 A' })).toBe('句子 A的预测');
    expect(translate('zh', 'predictions.temperature')).toBe('温度');
  });
});

const PREDICTS = { key: 'k', predicts: true } as unknown as HfModelInfo;

/** Twelve-token vocabulary; the worker's top 10 are ids 0–9, logits 9 … 0. */
const PREDICTIONS: NextTokenPredictions = {
  position: 3,
  logits: Float32Array.from([9, 8, 7, 6, 5, 4, 3, 2, 1, 0, -5, -5]),
  top: Array.from({ length: 10 }, (_, i) => ({
    id: i,
    text: i === 0 ? ' river' : i === 9 ? '<|endoftext|>' : `tok${i}`,
    special: i === 9,
  })),
};

function setRun(patch: Partial<ReturnType<typeof useAppStore.getState>['runs']['A']>): void {
  useAppStore.setState((s) => ({ runs: { ...s.runs, A: { ...s.runs.A, ...patch } } }));
}

const render = () =>
  renderToStaticMarkup(createElement(PredictionsPanel, { slot: 'A', name: 'Sentence A' }));

describe('PredictionsPanel', () => {
  beforeEach(() => resetAppStore());
  afterEach(() => resetAppStore());

  it('renders nothing for models that do not predict and runs without predictions', () => {
    expect(render()).toBe('');
    setRun({ state: 'ready' });
    expect(render()).toBe('');
  });

  it('lists the 10 predictions best first, as buttons with visible spaces and percentages', () => {
    setRun({ state: 'ready', predictions: PREDICTIONS });
    const html = render();
    expect(html).toContain('<ol class="predictions-list" aria-label="Predictions for Sentence A">');
    const items = html.match(/<li>.*?<\/li>/g) ?? [];
    expect(items).toHaveLength(10);
    expect(items[0]).toContain('<button type="button" class="prediction"');
    expect(items[0]).toContain('␣river');
    // exp(0) / Σ exp(9…0, −5, −5) = 63.2%
    expect(items[0]).toContain('63.2%');
    expect(items[9]).toContain('&lt;|endoftext|&gt;');
    expect(items[9]).toContain('data-special="true"');
    expect(items[9]).toContain('(special token)');
    expect(html).toMatch(/<label for="[^"]+-temperature">Temperature<\/label>/);
    expect(html).toContain('type="range"');
    expect(html).toContain('T = 1.0');
  });

  it('applies the temperature from the store', () => {
    setRun({ state: 'ready', predictions: PREDICTIONS });
    useAppStore.getState().setPredictionTemperature(3);
    const first = (render().match(/<li>.*?<\/li>/) ?? [''])[0];
    expect(first).toContain('29.2%'); // exp(9 / 3) / Σ exp(l / 3) = 0.2923
    expect(render()).toContain('T = 3.0');
  });

  it('dims the list while a newer run computes, and says it is predicting', () => {
    setRun({ state: 'loading', predictions: PREDICTIONS });
    const html = render();
    expect(html).toContain('predictions-list is-stale');
    expect(html).toContain('Predicting…');
    expect(html).toContain('aria-disabled="true"');
  });

  it('shows the reason when the model cannot predict', () => {
    setRun({ state: 'ready', predictionsUnavailable: 'This checkpoint has no output head.' });
    const html = render();
    expect(html).toContain('This checkpoint has no output head.');
    expect(html).not.toContain('<ol');
  });

  it('shows a predicting model’s panel while its first run computes', () => {
    useAppStore.setState((s) => ({ model: 'hf', hub: { ...s.hub, info: PREDICTS } }));
    expect(render()).toBe('');
    setRun({ state: 'loading' });
    expect(render()).toContain('Predicting…');
  });
});
