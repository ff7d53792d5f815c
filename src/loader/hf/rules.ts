/** How one checkpoint tensor becomes engine weights: shared by every family's name map. */
import type { Bf16Values, NamedArray } from '../../engine/weights';

/** One checkpoint tensor the engine needs: its expected shape and how it becomes engine weights. */
export interface Rule {
  shape: number[];
  /** The engine weights it gives (so a model can be built while the file still downloads). */
  targets: readonly string[];
  /** BF16 tensors arrive compact (Bf16Values); rules that compute on values widen them. */
  convert(data: Float32Array | Bf16Values): [string, NamedArray][];
}

/** Same layout. */
export const copy = (target: string, shape: number[]): Rule => ({
  shape,
  targets: [target],
  convert: (data) => [[target, { shape: [...shape], data }]],
});

/** nn.Linear weight [out][in] → engine [in][out], held as is and turned by the engine on upload. */
export const linear = (target: string, out: number, inp: number): Rule => ({
  shape: [out, inp],
  targets: [target],
  convert: (data) => [[target, { shape: [inp, out], data, transposed: true }]],
});
