/**
 * A small worker for the expensive aggregates (attention rollout and attention flow), so the page
 * stays responsive: rollout is O(L·T³) and flow solves T² max-flow problems. It receives the
 * head-averaged layers ([layers][T][T], which give the same Â as the full stack) and answers with
 * the result; flow reports its progress row by row.
 */
import { attentionFlowFrom, rolloutLayers } from '../../analysis';
import type { AggregateReply, AggregateRequest } from './protocol';

const post = (reply: AggregateReply, transfer: Transferable[] = []): void =>
  (self as unknown as Worker).postMessage(reply, transfer);

self.onmessage = (event: MessageEvent<AggregateRequest>) => {
  const { id, kind, layers, t, weights, residual } = event.data;
  const stack = { layers, heads: 1, queryLength: t, keyLength: t, weights };
  try {
    if (kind === 'rollout') {
      const result = rolloutLayers(stack, { residual });
      post({ id, type: 'done', result }, [result.buffer]);
      return;
    }
    const result = new Float32Array(t * t);
    for (let i = 0; i < t; i++) {
      result.set(attentionFlowFrom(stack, i, { residual }), i * t);
      post({ id, type: 'progress', done: i + 1, total: t });
    }
    post({ id, type: 'done', result }, [result.buffer]);
  } catch (error) {
    post({ id, type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
