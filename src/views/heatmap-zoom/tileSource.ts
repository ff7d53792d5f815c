/**
 * Where views get attention tiles: the store's `requestAttentionTile` (which answers from the
 * run's weights when it kept them and asks the worker otherwise), or, in a store without it, the
 * weights the block holds.
 */
import { useAppStore } from '../../store';
import type { BlockResult, SentenceSlot } from '../../store/types';
import { tileFromLayer } from './localTile';
import type { AttentionTile, AttentionTileRequest, TileWindowRequest } from './tile';

type TileAction = (req: AttentionTileRequest) => Promise<AttentionTile>;

/** The store's tile action when it has one (read through a widened type). */
function storeAction(): TileAction | null {
  const action = (useAppStore.getState() as { requestAttentionTile?: TileAction })
    .requestAttentionTile;
  return typeof action === 'function' ? action : null;
}

/** A tile of `block` (sentence `slot`): the store's answer, or one pooled from the block's weights. */
export function requestTile(
  slot: SentenceSlot,
  block: BlockResult,
  req: TileWindowRequest,
): Promise<AttentionTile> {
  const action = storeAction();
  if (action) return action({ ...req, slot, kind: block.kind });
  const layer = block.data[req.layer];
  if (!layer) return Promise.reject(new Error('This layer has not arrived yet.'));
  return Promise.resolve(tileFromLayer(layer, block.queryLength, block.keyLength, req));
}
