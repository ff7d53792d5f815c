/// <reference types="vite/client" />
import type { PlaygroundOptions } from '../engine';
import type { MaskSettings, SentenceRun, SentenceSlot } from './types';

/** The two example sentences: "bank" in two senses. */
export const EXAMPLE_SENTENCES: Record<SentenceSlot, string> = {
  A: 'The bank is near the river.',
  B: 'I deposited money in the bank.',
};

/**
 * The playground model the app starts with. Same values as the engine's DEFAULT_PLAYGROUND (a unit
 * test checks it); kept here because importing the engine's values would pull tfjs into the page
 * (the engine lives in the worker).
 */
export const DEFAULT_MODEL: PlaygroundOptions = {
  architecture: 'encoder',
  layers: 4,
  heads: 4,
  dModel: 64,
  positional: 'sinusoidal',
  norm: 'post',
  seed: 42,
  maxPositions: 512,
  vocabSize: 4096,
};

/** Folder of the built-in translator's files, served with the app. */
export const DEFAULT_TRANSLATOR_URL = `${import.meta.env.BASE_URL}models/en-zh-tiny/`;

/**
 * The translator's source-token limit asked for by the page; the worker lowers it to the model's
 * own maximum positions.
 */
export const TRANSLATOR_MAX_TOKENS = 512;

export const DEFAULT_MASK: MaskSettings = { kind: 'none', radius: 2, dilation: 2 };

/** Limits of the playground settings the UI offers. */
export const LIMITS = {
  layers: { min: 1, max: 12 },
  heads: { min: 1, max: 16 },
  dModels: [16, 32, 64, 128, 256, 512] as const,
  maxPositions: { min: 8, max: 2048 },
  radius: { min: 0, max: 64 },
  dilation: { min: 1, max: 16 },
  seed: { min: 0, max: 2 ** 31 - 1 },
} as const;

export function emptyRun(): SentenceRun {
  return {
    ticket: 0,
    requestId: null,
    state: 'empty',
    tokens: [],
    totalTokens: 0,
    dropped: 0,
    maxTokens: DEFAULT_MODEL.maxPositions,
    blocks: [],
    translation: null,
    error: null,
    errorStage: null,
    elapsedMs: null,
    predictions: null,
    predictionsUnavailable: null,
  };
}
