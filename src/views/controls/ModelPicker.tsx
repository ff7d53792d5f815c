import { useT } from '../../i18n';
import { useAppStore } from '../../store';
import { selectModel } from '../../store/selectors';
import { SelectField } from './Field';

/**
 * What the picker offers: the built-in translator once per direction ('translator' is English →
 * Chinese, the value it always had; 'translator-zh-en' is Chinese → English), then the others.
 */
const CHOICES = ['translator', 'translator-zh-en', 'playground', 'hf'] as const;
/** 'trained': the model trained in the Train tab, offered once there is one. */
type PickerChoice = (typeof CHOICES)[number] | 'trained';

/**
 * Which model runs: the built-in translator in either direction, the random-weight playground, or
 * a Hugging Face checkpoint (loaded in its panel). Re-runs both.
 */
export function ModelPicker() {
  const t = useT();
  const model = useAppStore(selectModel);
  const direction = useAppStore((s) => s.direction);
  const setModel = useAppStore((s) => s.setModel);
  const setDirection = useAppStore((s) => s.setDirection);
  const trained = useAppStore((s) => s.trainedModel);
  const applyTrained = useAppStore((s) => s.applyTrainedModel);
  const value: PickerChoice =
    model === 'translator' && direction === 'zh-en'
      ? 'translator-zh-en'
      : model === 'trained' && trained
        ? 'trained'
        : (CHOICES.find((c) => c === model) ?? 'translator');
  return (
    <SelectField<PickerChoice>
      className="model-picker"
      label={t('model.picker')}
      value={value}
      options={[
        ...CHOICES.map((m) => ({ value: m, label: t(`model.choice.${m}`) })),
        ...(trained
          ? [
              {
                value: 'trained' as const,
                label: t('model.choice.trained', {
                  task: trained.task,
                  layers: trained.settings.layers,
                  heads: trained.settings.heads,
                }),
              },
            ]
          : []),
      ]}
      onChange={(choice) => {
        if (choice === 'translator-zh-en') setDirection('zh-en');
        else if (choice === 'translator') setDirection('en-zh');
        // A trained model reads only its task's symbols: sentences that are not become some.
        else if (choice === 'trained' && trained) applyTrained(trained, { openTab: false });
        else setModel(choice);
      }}
    />
  );
}
