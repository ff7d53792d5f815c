/**
 * "Use the trained model": opens the run's current weights in the Attention tab (the page's model
 * becomes 'trained'), saves them as a safetensors file, and opens such a file again (checked by
 * src/loader/trainedFile.ts; a refused file says why and changes nothing).
 */
import { useId, useRef, useState } from 'react';
import { useT } from '../../i18n';
import { useAppStore, type TrainState } from '../../store';
import { downloadBlob } from '../export/download';

export interface TrainedModelCardProps {
  /** The Train tab's state (the step count decides whether there are weights to use). */
  train: TrainState;
}

export function TrainedModelCard({ train }: TrainedModelCardProps) {
  const t = useT();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const open = useAppStore((s) => s.openTrainedInAttention);
  const weightsFile = useAppStore((s) => s.trainedWeightsFile);
  const openFile = useAppStore((s) => s.openTrainedFile);
  const none = train.step === 0;

  const save = async () => {
    const file = await weightsFile();
    if (!file) return;
    downloadBlob(new Blob([file.bytes as Uint8Array<ArrayBuffer>]), file.name);
    setSaved(file.name);
  };

  return (
    <div className="train-use">
      <p className="teach-note">{t('train.use.note')}</p>
      <div className="train-buttons">
        <button type="button" className="button" disabled={none} onClick={() => void open()}>
          {t('train.use.open')}
        </button>
        <button type="button" className="button" disabled={none} onClick={() => void save()}>
          {t('train.use.save')}
        </button>
        <button type="button" className="button" onClick={() => input.current?.click()}>
          {t('train.use.load')}
        </button>
        <input
          ref={input}
          id={`${id}-weights`}
          type="file"
          hidden
          accept=".safetensors"
          aria-label={t('train.use.loadLabel')}
          onChange={(e) => {
            const picked = e.target.files?.[0];
            e.target.value = '';
            if (picked) void openFile(picked);
          }}
        />
      </div>
      {none && <p className="teach-note">{t('train.use.needStep')}</p>}
      <p className="teach-status" role="status" data-testid="train-use-status">
        {saved ? t('train.use.saved', { file: saved }) : ''}
      </p>
      {train.fileError && (
        <p className="train-problem" role="alert">
          {t('train.use.refused', { message: train.fileError })}
        </p>
      )}
    </div>
  );
}
