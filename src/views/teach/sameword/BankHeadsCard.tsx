/**
 * The "Which heads tell the two banks apart?" card of the Same-word tab: measures head importance
 * for sentence A and then B through the store (progress, Cancel), then for each sentence the
 * translation with every head on, the top heads by log-probability drop and whether switching each
 * off changes the Chinese for "bank"; when no single head does, switches the top heads off together
 * through the page's ablation (the translations of the whole page follow).
 */
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatImportanceScore } from '../../../analysis/headRanking';
import { useT } from '../../../i18n';
import { DIRECTION_LANGS, selectImportancePanel, useAppStore } from '../../../store';
import { useTranslation } from '../../../store/selectors';
import type { SentenceSlot } from '../../../store/types';
import type { ImportanceResult } from '../../../worker/protocol';
import { TeachCard } from '../common/TeachCard';
import {
  BANK_TOGETHER,
  bankVerdict,
  bankWordsFor,
  headsToSwitchOff,
  summarizeBankHeads,
  type BankVerdict,
} from './bankHeads';
import './bankHeads.css';

type T = ReturnType<typeof useT>;

const SLOTS: readonly SentenceSlot[] = ['A', 'B'];

/** Measures A then B, one after the other, through the store's importance actions. */
function useMeasureBoth(): { running: boolean; start: () => void; cancel: () => void } {
  const [running, setRunning] = useState(false);
  const stopRef = useRef<(() => void) | null>(null);
  useEffect(() => () => stopRef.current?.(), []);

  const start = useCallback(() => {
    stopRef.current?.();
    let stopped = false;
    let unsubscribe: (() => void) | null = null;
    const finish = (): void => {
      stopped = true;
      unsubscribe?.();
      unsubscribe = null;
      stopRef.current = null;
      setRunning(false);
    };
    const step = (slots: readonly SentenceSlot[]): void => {
      if (stopped) return;
      const [slot, ...rest] = slots;
      if (!slot) {
        finish();
        return;
      }
      useAppStore.getState().measureImportance(slot);
      const key = useAppStore.getState().importanceMeasure?.key;
      // Nothing to measure, or answered at once: on to the next sentence.
      if (key === undefined) {
        step(rest);
        return;
      }
      unsubscribe = useAppStore.subscribe((s) => {
        if (s.importanceMeasure?.key === key) return;
        unsubscribe?.();
        unsubscribe = null;
        // Another measurement took over (another view): stop following.
        if (s.importanceMeasure !== null) finish();
        else step(rest);
      });
    };
    stopRef.current = finish;
    setRunning(true);
    step(SLOTS);
  }, []);

  const cancel = useCallback(() => {
    stopRef.current?.();
    useAppStore.getState().cancelImportance();
  }, []);

  return { running, start, cancel };
}

function verdictText(t: T, verdict: BankVerdict): string {
  if (verdict.word === null)
    return t(verdict.changes ? 'teach.same.heads.changesGeneric' : 'teach.same.heads.staysGeneric');
  return t(verdict.changes ? 'teach.same.heads.changes' : 'teach.same.heads.stays', {
    word: verdict.word,
  });
}

function headName(t: T, kind: string, layer: number, head: number): string {
  const name =
    kind === 'encoder-self' || kind === 'decoder-self' || kind === 'cross'
      ? t(`view.kind.${kind}`)
      : kind;
  return t('teach.same.heads.headName', { kind: name, layer: layer + 1, head: head + 1 });
}

export function BankHeadsCard() {
  const t = useT();
  const isTranslator = useAppStore((s) => s.model === 'translator');
  const measure = useAppStore((s) => s.importanceMeasure);
  const { running, start, cancel } = useMeasureBoth();
  const measuring = measure !== null && running;
  // Chinese → English writes "bank" for both sentences: the card asks whether a head keeps it.
  const zhEn = useAppStore((s) => s.direction === 'zh-en') && isTranslator;

  return (
    <TeachCard
      title={t(zhEn ? 'teach.same.heads.zhEn.title' : 'teach.same.heads.title')}
      testId="same-heads"
    >
      <p>{t(zhEn ? 'teach.same.heads.zhEn.intro' : 'teach.same.heads.intro')}</p>
      {!isTranslator ? (
        <p className="teach-note">{t('teach.same.heads.needTranslator')}</p>
      ) : (
        <>
          <div className="bank-actions">
            <button type="button" className="button" disabled={running} onClick={start}>
              {t('teach.same.heads.measure')}
            </button>
            {measuring && (
              <>
                <span className="bank-progress" role="status">
                  {measure.total > 0
                    ? t('teach.same.heads.progress', {
                        name: measure.slot,
                        done: measure.done,
                        total: measure.total,
                      })
                    : t('teach.same.heads.starting', { name: measure.slot })}
                </span>
                {measure.total > 0 && (
                  <progress max={measure.total} value={measure.done} aria-hidden="true" />
                )}
                <button type="button" className="button" onClick={cancel}>
                  {t('teach.same.heads.cancel')}
                </button>
              </>
            )}
          </div>
          <div className="bank-sentences">
            {SLOTS.map((slot) => (
              <BankSentence key={slot} slot={slot} />
            ))}
          </div>
        </>
      )}
    </TeachCard>
  );
}

/** One sentence's measured heads (or why there are none yet). */
function BankSentence({ slot }: { slot: SentenceSlot }) {
  const t = useT();
  const id = useId();
  const text = useAppStore((s) => s.sentences[slot]);
  const src = useAppStore(useShallow(selectImportancePanel(slot)));
  return (
    <section className="bank-sentence" aria-labelledby={id} data-slot={slot}>
      <h4 id={id}>{t('teach.same.heads.sentence', { name: slot, text })}</h4>
      {src.error && (
        <p className="heatmap-error" role="alert">
          {t('teach.same.heads.error', {
            name: slot,
            message: src.error.kind === 'worker' ? src.error.message : 'unsupported',
          })}
        </p>
      )}
      {src.result && src.result.baseline !== undefined ? (
        <BankResult slot={slot} result={src.result} baseline={src.result.baseline} />
      ) : (
        !src.error && <p className="teach-note">{t('teach.same.heads.notYet')}</p>
      )}
    </section>
  );
}

function BankResult({
  slot,
  result,
  baseline,
}: {
  slot: SentenceSlot;
  result: ImportanceResult;
  baseline: string;
}) {
  const t = useT();
  const direction = useAppStore((s) => s.direction);
  const words = bankWordsFor(direction);
  const lang = DIRECTION_LANGS[direction].target;
  const summary = useMemo(
    () => summarizeBankHeads(result.heads, baseline, { words }),
    [result, baseline, words],
  );
  const off = useAppStore((s) => s.ablation.heads);
  const toggleHeadOff = useAppStore((s) => s.toggleHeadOff);
  const switchAllHeadsOn = useAppStore((s) => s.switchAllHeadsOn);
  const { translation, state } = useTranslation(slot);
  const missing = headsToSwitchOff(summary.together, off);
  const word = summary.word;

  const switchTogether = (): void => {
    // Each toggle re-runs the page; the last run carries all of them.
    for (const h of missing) toggleHeadOff({ kind: h.kind, layer: h.layer, head: h.head });
  };

  const now =
    off.length > 0
      ? state === 'ready' && translation
        ? t('teach.same.heads.now', { count: off.length, text: translation.text })
        : t('teach.same.heads.nowRunning', { count: off.length })
      : null;
  const nowVerdict =
    off.length > 0 && state === 'ready' && translation
      ? bankVerdict(baseline, translation.text, words)
      : null;

  return (
    <div className="bank-result">
      <p lang={lang} className="teach-readout" data-testid={`bank-baseline-${slot}`}>
        {t('teach.same.heads.baseline', { text: baseline })}
      </p>
      <p>
        {word !== null
          ? t(direction === 'zh-en' ? 'teach.same.heads.zhEn.word' : 'teach.same.heads.word', {
              word,
            })
          : t(direction === 'zh-en' ? 'teach.same.heads.zhEn.noWord' : 'teach.same.heads.noWord')}
      </p>
      <div className="bank-table-scroll">
        <table className="bank-table">
          <caption>
            {t('teach.same.heads.caption', { count: summary.top.length, name: slot })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('teach.same.heads.col.rank')}</th>
              <th scope="col">{t('teach.same.heads.col.head')}</th>
              <th scope="col">{t('teach.same.heads.col.drop')}</th>
              <th scope="col">{t('teach.same.heads.col.output')}</th>
              <th scope="col">{t('teach.same.heads.col.bank')}</th>
            </tr>
          </thead>
          <tbody>
            {summary.top.map((h) => (
              <tr
                key={`${h.kind}/${h.layer}/${h.head}`}
                data-changes={h.verdict.changes ? 'yes' : 'no'}
              >
                <td>{h.rank}</td>
                <td>{headName(t, h.kind, h.layer, h.head)}</td>
                <td className="bank-num">{formatImportanceScore(h.score)}</td>
                <td lang={lang}>{h.output ?? ''}</td>
                <td data-testid="bank-verdict">{verdictText(t, h.verdict)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="teach-readout" data-testid={`bank-summary-${slot}`}>
        {summary.flips.length === 0
          ? word !== null
            ? t(
                direction === 'zh-en' ? 'teach.same.heads.zhEn.noFlip' : 'teach.same.heads.noFlip',
                {
                  word,
                },
              )
            : t('teach.same.heads.noFlipGeneric')
          : t(summary.flips.length === 1 ? 'teach.same.heads.flipsOne' : 'teach.same.heads.flips', {
              count: summary.flips.length,
              total: summary.total,
              word: word ?? '“bank”',
            })}
      </p>
      {summary.flips.length === 0 && (
        <div className="bank-actions">
          <button
            type="button"
            className="button"
            disabled={missing.length === 0}
            onClick={switchTogether}
          >
            {t('teach.same.heads.together', { count: BANK_TOGETHER })}
          </button>
          {off.length > 0 && (
            <button type="button" className="button" onClick={switchAllHeadsOn}>
              {t('teach.same.heads.allOn')}
            </button>
          )}
        </div>
      )}
      {now !== null && (
        <p className="teach-readout" lang={lang} data-testid={`bank-now-${slot}`}>
          {now}
          {nowVerdict && ` (${verdictText(t, nowVerdict)})`}
        </p>
      )}
    </div>
  );
}
