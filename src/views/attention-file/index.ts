export { AttentionFileControl } from './AttentionFileControl';
export { NeedsModelNotice } from './NeedsModelNotice';
