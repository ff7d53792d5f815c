/** Pure maths of the teaching views (step by step, √d_k, masks, positions, FlashAttention). */
export * from './attention';
export * from './scaling';
export * from './flash';
export * from './rope';
export * from './matrix';
export * from './padding';
