import { useEffect, useId, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useT } from '../../i18n';
import { useAppStore } from '../../store';
import { pickBlock } from '../../store/selectors';
import './attentionFile.css';

/**
 * "Open attention file": a button (and a drop anywhere on the page) that opens an attention file
 * as sentence A's result, the note that its attention was computed elsewhere, "Close attention
 * file", and why a file was refused. While a file is open it asks the store for the layer shown.
 */
export function AttentionFileControl() {
  const t = useT();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const { file, opening, error } = useAppStore(
    useShallow((s) => ({
      file: s.attentionFile,
      opening: s.attentionFileOpening,
      error: s.attentionFileError,
    })),
  );
  const open = useAppStore((s) => s.openAttentionFile);
  const close = useAppStore((s) => s.closeAttentionFile);
  const dismiss = useAppStore((s) => s.dismissAttentionFileError);
  // The block and layer the views show: read it from the file when it is not in memory.
  const shown = useAppStore((s) => {
    if (!s.attentionFile) return null;
    const block = pickBlock(s.runs.A.blocks, s.kind);
    return block ? `${block.kind}:${Math.min(s.layer, block.layers - 1)}` : null;
  });
  const ensure = useAppStore((s) => s.ensureAttentionLayer);

  useEffect(() => {
    if (!shown) return;
    const [kind, layer] = shown.split(':') as [Parameters<typeof ensure>[0], string];
    ensure(kind, Number(layer));
  }, [shown, ensure]);

  // Dropping a file anywhere on the page opens it.
  useEffect(() => {
    const hasFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') ?? false;
    const onDragOver = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const onDrop = (e: DragEvent) => {
      const dropped = e.dataTransfer?.files[0];
      if (!dropped) return;
      e.preventDefault();
      void open(dropped, dropped.name);
    };
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('drop', onDrop);
    };
  }, [open]);

  return (
    <div className="attention-file">
      <div className="attention-file-row">
        <button
          type="button"
          className="button attention-file-open"
          title={t('attentionFile.dropHint')}
          disabled={opening}
          onClick={() => input.current?.click()}
        >
          {t('attentionFile.open')}
        </button>
        <input
          ref={input}
          id={`${id}-input`}
          type="file"
          hidden
          accept=".safetensors,.json,application/json"
          aria-label={t('attentionFile.open')}
          onChange={(e) => {
            const picked = e.target.files?.[0];
            e.target.value = '';
            if (picked) void open(picked, picked.name);
          }}
        />
        {file && (
          <>
            <span className="attention-file-summary" role="status">
              {t('attentionFile.summary', { model: file.model, file: file.name })}
            </span>
            <button type="button" className="button" onClick={close}>
              {t('attentionFile.close')}
            </button>
          </>
        )}
        {opening && (
          <span role="status" className="attention-file-opening">
            {t('attentionFile.opening')}
          </span>
        )}
      </div>
      {error && (
        <p role="alert" className="notice notice-error attention-file-error">
          {t('attentionFile.refused', { message: error })}{' '}
          <button type="button" className="link-button" onClick={dismiss}>
            {t('attentionFile.dismiss')}
          </button>
        </p>
      )}
    </div>
  );
}
