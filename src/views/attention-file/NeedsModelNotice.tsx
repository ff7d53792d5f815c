import { useT } from '../../i18n';

/** Said by a view that needs the model (intermediates, predictions, head importance, switch-off). */
export function NeedsModelNotice() {
  const t = useT();
  return (
    <p role="status" className="notice attention-file-needs-model">
      {t('attentionFile.needsModel')}
    </p>
  );
}
