import { useId, useState, type DragEvent, type FormEvent } from 'react';
import { useT } from '../../i18n';
import { useAppStore } from '../../store';
import { HubFacts } from './HubFacts';
import { HubLoadStatus } from './HubLoadStatus';
import { filesFromDrop, HUB_MODEL_GROUPS } from './format';
import './hub.css';

/**
 * The Hugging Face model panel (sidebar): a model id and revision with Load / Cancel, example ids,
 * "Open model files" with a drop zone, the load's progress, what the model is, and the
 * sentence-pair switch.
 */
export function HubPanel() {
  const t = useT();
  const uid = useId();
  const id = useAppStore((s) => s.hub.id);
  const revision = useAppStore((s) => s.hub.revision);
  const token = useAppStore((s) => s.hub.token);
  const setHubToken = useAppStore((s) => s.setHubToken);
  const loading = useAppStore((s) => s.hub.load.state === 'loading');
  const setHubId = useAppStore((s) => s.setHubId);
  const setHubRevision = useAppStore((s) => s.setHubRevision);
  const loadHubModel = useAppStore((s) => s.loadHubModel);
  const loadHubFiles = useAppStore((s) => s.loadHubFiles);
  const cancelHubLoad = useAppStore((s) => s.cancelHubLoad);
  const [dragging, setDragging] = useState(false);

  const onSubmit = (e: FormEvent<HTMLFormElement>): void => {
    e.preventDefault();
    if (!loading) loadHubModel();
  };
  const onDragOver = (e: DragEvent<HTMLDivElement>): void => {
    if (![...e.dataTransfer.types].includes('Files')) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    setDragging(true);
  };
  const onDrop = (e: DragEvent<HTMLDivElement>): void => {
    e.preventDefault();
    setDragging(false);
    void filesFromDrop(e.dataTransfer).then((files) => loadHubFiles(files));
  };

  return (
    <section className="panel hub-panel" aria-labelledby={`${uid}-heading`}>
      <h2 id={`${uid}-heading`}>{t('hub.heading')}</h2>
      <p className="panel-note">{t('hub.note')}</p>
      <form className="hub-form" onSubmit={onSubmit}>
        <div className="field">
          <label htmlFor={`${uid}-id`}>{t('hub.id')}</label>
          <input
            id={`${uid}-id`}
            type="text"
            value={id}
            placeholder="bert-base-uncased"
            autoComplete="off"
            spellCheck={false}
            list={`${uid}-examples`}
            onChange={(e) => setHubId(e.target.value)}
          />
          <datalist id={`${uid}-examples`}>
            {HUB_MODEL_GROUPS.flatMap((group) =>
              group.models.map((m) => (
                <option
                  key={m.id}
                  value={m.id}
                  label={m.tooLarge ? `${group.family} · ${t('hub.tooLargeTag')}` : group.family}
                />
              )),
            )}
          </datalist>
        </div>
        <div className="field">
          <label htmlFor={`${uid}-revision`}>{t('hub.revision')}</label>
          <input
            id={`${uid}-revision`}
            type="text"
            value={revision}
            placeholder="main"
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => setHubRevision(e.target.value)}
          />
        </div>
        <div className="field hub-token">
          <label htmlFor={`${uid}-token`}>{t('hub.token')}</label>
          <input
            id={`${uid}-token`}
            type="password"
            value={token}
            placeholder="hf_…"
            autoComplete="off"
            spellCheck={false}
            aria-describedby={`${uid}-token-hint`}
            onChange={(e) => setHubToken(e.target.value)}
          />
          <p id={`${uid}-token-hint`} className="field-hint">
            {t('hub.tokenHint')}
          </p>
        </div>
        <div className="hub-actions">
          <button
            type="submit"
            className="button button-primary"
            disabled={loading || id.trim() === ''}
          >
            {t('hub.load')}
          </button>
          {loading && (
            <button type="button" className="button" onClick={cancelHubLoad}>
              {t('hub.cancel')}
            </button>
          )}
        </div>
      </form>
      <div className="hub-examples" role="group" aria-label={t('hub.examples')}>
        <span>{t('hub.examples')}:</span>
        <dl className="hub-groups">
          {HUB_MODEL_GROUPS.map((group) => (
            <div key={group.family} className="hub-group">
              <dt>{group.family}</dt>
              <dd>
                {group.models.map((m) => (
                  <button
                    key={m.id}
                    type="button"
                    className="hub-example"
                    data-too-large={m.tooLarge ? 'true' : undefined}
                    title={
                      m.tooLarge
                        ? t('hub.tooLargeTitle')
                        : m.gated
                          ? t('hub.gatedTitle')
                          : undefined
                    }
                    onClick={() => setHubId(m.id)}
                  >
                    {m.id}
                    {m.tooLarge && <span className="hub-tag"> · {t('hub.tooLargeTag')}</span>}
                    {m.gated && <span className="hub-tag"> · {t('hub.gatedTag')}</span>}
                  </button>
                ))}
              </dd>
            </div>
          ))}
        </dl>
      </div>
      <div
        className={`hub-drop${dragging ? ' is-dragging' : ''}`}
        onDragOver={onDragOver}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <label className="button" htmlFor={`${uid}-files`}>
          {t('hub.files')}
        </label>
        <input
          id={`${uid}-files`}
          className="sr-only"
          type="file"
          multiple
          disabled={loading}
          onChange={(e) => {
            const files = [...(e.currentTarget.files ?? [])];
            e.currentTarget.value = ''; // the same files can be chosen again
            loadHubFiles(files);
          }}
        />
        <span className="hub-drop-text">{dragging ? t('hub.dropActive') : t('hub.drop')}</span>
        <p className="field-hint">{t('hub.filesHint')}</p>
      </div>
      <HubLoadStatus />
      <HubFacts />
    </section>
  );
}
