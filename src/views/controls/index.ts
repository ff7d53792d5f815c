export { ViewControls } from './ViewControls';
export { ModelPicker } from './ModelPicker';
export { PlaygroundSettings } from './PlaygroundSettings';
export { BackendPicker, availableBackends } from './BackendPicker';
export { LanguageToggle } from './LanguageToggle';
export { SelectField, NumberField, type SelectFieldProps, type NumberFieldProps } from './Field';
