import { useT } from '../../i18n';
import { useAppStore } from '../../store';

/** The toolbar's one-line summary of the loaded Hugging Face model ('' before one has loaded). */
export function HubSummary() {
  const t = useT();
  const info = useAppStore((s) => s.hub.info);
  if (!info) return null;
  return (
    <>
      {t('hub.summary', {
        name: info.name,
        layers: info.layers,
        heads: info.heads,
        dModel: info.dModel,
      })}
    </>
  );
}
