export { HubPanel } from './HubPanel';
export { HubLoadError } from './HubLoadError';
export { HubPairNote, useHubPairHides, type HubPairNoteProps } from './HubPairNote';
export { HubSummary } from './HubSummary';
