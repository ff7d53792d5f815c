import { useT } from '../../i18n';
import { useAppStore, type ModelChoice } from '../../store';
import { selectModel } from '../../store/selectors';
import { SelectField } from './Field';

const MODELS: ModelChoice[] = ['translator', 'playground', 'hf'];

/**
 * Which model runs: the built-in translator, the random-weight playground, or a Hugging Face
 * checkpoint (loaded in its panel). Re-runs both.
 */
export function ModelPicker() {
  const t = useT();
  const model = useAppStore(selectModel);
  const setModel = useAppStore((s) => s.setModel);
  return (
    <SelectField<ModelChoice>
      className="model-picker"
      label={t('model.picker')}
      value={model}
      options={MODELS.map((m) => ({ value: m, label: t(`model.choice.${m}`) }))}
      onChange={setModel}
    />
  );
}
