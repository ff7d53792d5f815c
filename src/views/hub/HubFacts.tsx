import { useId } from 'react';
import { useT } from '../../i18n';
import { useAppStore } from '../../store';
import { formatParams } from './format';

/** What the loaded checkpoint is (shape, size, limits) and the sentence-pair switch. */
export function HubFacts() {
  const t = useT();
  const id = useId();
  const info = useAppStore((s) => s.hub.info);
  const pair = useAppStore((s) => s.hub.pair);
  const setHubPair = useAppStore((s) => s.setHubPair);
  const pairs = info?.supportsPairs ?? true;
  return (
    <>
      {info && (
        <dl className="model-facts hub-facts">
          <div>
            <dt>{info.name}</dt>
            <dd>
              {t('hub.kind', {
                type: info.modelType,
                architecture: t(`hub.arch.${info.architecture}`),
              })}
            </dd>
          </div>
          <div>
            <dd>
              {t('hub.shape', { layers: info.layers, heads: info.heads, dModel: info.dModel })}
            </dd>
          </div>
          <div>
            <dd>
              {t('hub.params', {
                params: formatParams(info.parameters),
                dtypes: info.dtypes.join(', '),
              })}
            </dd>
          </div>
          <div>
            <dd>{t('hub.maxTokens', { max: info.maxTokens })}</dd>
          </div>
        </dl>
      )}
      <div className="hub-pair">
        <label htmlFor={`${id}-pair`}>
          <input
            id={`${id}-pair`}
            type="checkbox"
            checked={pair && pairs}
            disabled={!pairs}
            aria-describedby={`${id}-pair-hint`}
            onChange={(e) => setHubPair(e.target.checked)}
          />{' '}
          {t('hub.pair')}
        </label>
        <p id={`${id}-pair-hint`} className="field-hint">
          {info && !pairs ? t('hub.pairUnsupported', { name: info.name }) : t('hub.pairHint')}
        </p>
      </div>
    </>
  );
}
