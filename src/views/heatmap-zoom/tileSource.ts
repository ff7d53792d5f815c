/**
 * Where views get attention tiles: the store's `requestAttentionTile`, which answers from the
 * run's weights when it kept them and asks the worker otherwise (views never learn which).
 */
import { useAppStore } from '../../store';
import type { BlockResult, SentenceSlot } from '../../store/types';
import type { AttentionTile, TileWindowRequest } from './tile';

/** A tile of `block` (sentence `slot`) for `req`. */
export function requestTile(
  slot: SentenceSlot,
  block: BlockResult,
  req: TileWindowRequest,
): Promise<AttentionTile> {
  return useAppStore.getState().requestAttentionTile({ ...req, slot, kind: block.kind });
}
