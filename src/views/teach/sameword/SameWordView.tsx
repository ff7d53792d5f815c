// First: the teaching strings load with this view's chunk and are registered before it renders.
import '../messages';
import { useId, useMemo, useState } from 'react';
import { cosine, rowOf } from '../../../analysis/teach/attention';
import { useT } from '../../../i18n';
import { useAppStore } from '../../../store';
import type { TeachRun } from '../../../store/teachSlice';
import { fixed } from '../common/format';
import { NumberVector } from '../common/NumberVector';
import { RunStatus } from '../common/SourceBar';
import { TeachCard } from '../common/TeachCard';
import { TokenPicker } from '../common/TokenPicker';
import { useTeachRun } from '../common/useTeach';
import { WeightBars } from '../common/WeightBars';
import '../common/teach.css';
import { ZhEnFocusNote } from '../../compare/ZhEnFocusNote';
import { WRITTEN_BANK, zhEnFocus } from '../../compare/zhEnFocus';
import { BankHeadsCard } from './BankHeadsCard';
import { findToken, queriesAreKeys } from './match';

/**
 * Tab "Same word, different weights": the first article's question, answered with the model's
 * numbers for the two sentences (by default the two "bank" sentences). With Chinese → English the
 * word followed is the English "bank" the decoder writes (河岸 and 银行 share no Chinese word): the
 * tab says so, and with the encoder's attention chosen (Chinese rows) shows only why and how to
 * reach the decoder's rows.
 */
export function SameWordView() {
  const t = useT();
  const headingId = useId();
  const wordId = useId();
  const runA = useTeachRun('A');
  const runB = useTeachRun('B');
  const layer = useAppStore((s) => s.layer);
  const head = useAppStore((s) => s.head);
  const [word, setWord] = useState(WRITTEN_BANK);
  const place = useAppStore((s) => zhEnFocus(s.model, s.direction, s.kind));
  const zhEn = place !== 'off';
  const [override, setOverride] = useState<{ A: number | null; B: number | null }>({
    A: null,
    B: null,
  });
  const foundA = findToken(runA.rowTokens, word);
  const foundB = findToken(runB.rowTokens, word);
  const a = override.A ?? foundA;
  const b = override.B ?? foundB;
  const interA = runA.intermediates;
  const interB = runB.intermediates;
  const ready = interA && interB && a >= 0 && b >= 0;

  const data = useMemo(() => {
    if (!interA || !interB || a < 0 || b < 0) return null;
    const qA = rowOf(interA.q, a, interA.headSize);
    const qB = rowOf(interB.q, b, interB.headSize);
    const wA = rowOf(interA.weights, a, interA.keyLength);
    const wB = rowOf(interB.weights, b, interB.keyLength);
    const distance = Math.sqrt(qA.reduce((s, x, i) => s + (x - (qB[i] ?? 0)) ** 2, 0));
    return { qA, qB, wA, wB, cos: cosine(qA, qB), distance };
  }, [interA, interB, a, b]);

  const top = (run: TeachRun, weights: number[]): { token: string; weight: string } => {
    let best = 0;
    weights.forEach((w, i) => {
      if (w > (weights[best] ?? 0)) best = i;
    });
    return { token: run.colTokens[best] ?? '', weight: fixed(weights[best] ?? 0, 3) };
  };

  const wordA = runA.rowTokens[a] ?? word;
  const wordB = runB.rowTokens[b] ?? word;
  return (
    <section className="teach" aria-labelledby={headingId}>
      <header className="teach-header">
        <h2 id={headingId}>{t('teach.same.title')}</h2>
        <p className="teach-question">{t('teach.same.question')}</p>
        <p>{t(zhEn ? 'teach.same.zhEn.intro' : 'teach.same.intro')}</p>
      </header>
      <div className="teach-body">
        {zhEn && (
          <ZhEnFocusNote
            place={place}
            text={t(place === 'source' ? 'teach.same.zhEn.source' : 'teach.same.zhEn.written')}
            testId="same-zh-en"
          />
        )}
        {place !== 'source' && (
          <>
            <div className="teach-controls">
              <div className="field">
                <label htmlFor={wordId}>{t('teach.same.word')}</label>
                <input
                  id={wordId}
                  value={word}
                  onChange={(e) => {
                    setWord(e.target.value);
                    setOverride({ A: null, B: null });
                  }}
                />
              </div>
            </div>
            <p className="teach-source-line">
              {t('teach.same.source', { layer: layer + 1, head: head + 1 })}
            </p>
            <RunStatus run={runA.state !== 'ready' ? runA : runB} />
            {interA && interB && (a < 0 || b < 0) && (
              <p className="teach-note">{t('teach.same.notFound', { word })}</p>
            )}
            <TeachCard title={t('teach.same.s1.title')}>
              <p>{t(zhEn ? 'teach.same.zhEn.s1.text' : 'teach.same.s1.text')}</p>
              {(['A', 'B'] as const).map((slot) => {
                const run = slot === 'A' ? runA : runB;
                const index = slot === 'A' ? a : b;
                return (
                  <div key={slot} className="teach-sentence">
                    <span className="slot-badge">{slot}</span>
                    <TokenPicker
                      tokens={run.rowTokens}
                      value={index}
                      onChange={(i) => setOverride({ ...override, [slot]: i })}
                      label={t('teach.same.pick', {
                        name: t(slot === 'A' ? 'input.sentenceA' : 'input.sentenceB'),
                      })}
                    />
                  </div>
                );
              })}
            </TeachCard>
            {ready && data && (
              <>
                <TeachCard title={t('teach.same.s2.title')}>
                  <p>{t(zhEn ? 'teach.same.zhEn.s2.text' : 'teach.same.s2.text', { a, b })}</p>
                  <div className="teach-pair">
                    <div>
                      <h4>{t('teach.same.qOf', { word: wordA, name: 'A' })}</h4>
                      <NumberVector
                        values={data.qA}
                        label={t('teach.same.qOf', { word: wordA, name: 'A' })}
                      />
                    </div>
                    <div>
                      <h4>{t('teach.same.qOf', { word: wordB, name: 'B' })}</h4>
                      <NumberVector
                        values={data.qB}
                        label={t('teach.same.qOf', { word: wordB, name: 'B' })}
                      />
                    </div>
                  </div>
                  <p className="teach-readout" data-testid="same-q">
                    {t('teach.same.s2.readout', {
                      cos: fixed(data.cos, 3),
                      distance: fixed(data.distance, 3),
                    })}
                  </p>
                </TeachCard>
                <TeachCard title={t('teach.same.s3.title')}>
                  <p>{t(zhEn ? 'teach.same.zhEn.s3.text' : 'teach.same.s3.text')}</p>
                </TeachCard>
                <TeachCard title={t('teach.same.s4.title')}>
                  <p>{t('teach.same.s4.text')}</p>
                  <div className="teach-pair">
                    <WeightBars
                      labels={runA.colTokens}
                      weights={data.wA}
                      highlight={queriesAreKeys(runA.rowTokens, runA.colTokens) ? a : -1}
                      label={t('teach.same.weightsOf', { word: wordA, name: 'A' })}
                    />
                    <WeightBars
                      labels={runB.colTokens}
                      weights={data.wB}
                      highlight={queriesAreKeys(runB.rowTokens, runB.colTokens) ? b : -1}
                      label={t('teach.same.weightsOf', { word: wordB, name: 'B' })}
                    />
                  </div>
                  <p className="teach-readout" data-testid="same-top">
                    {t('teach.same.s4.readout', {
                      word: wordA,
                      topA: top(runA, data.wA).token,
                      wA: top(runA, data.wA).weight,
                      topB: top(runB, data.wB).token,
                      wB: top(runB, data.wB).weight,
                    })}
                  </p>
                </TeachCard>
                <TeachCard title={t('teach.same.s5.title')}>
                  <p>{t('teach.same.s5.text')}</p>
                </TeachCard>
                <TeachCard title={t('teach.same.s6.title')}>
                  <p>{t(zhEn ? 'teach.same.zhEn.s6.text' : 'teach.same.s6.text')}</p>
                </TeachCard>
              </>
            )}
          </>
        )}
        <BankHeadsCard />
      </div>
    </section>
  );
}
