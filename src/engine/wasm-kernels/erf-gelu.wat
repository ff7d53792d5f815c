;; Exact GELU's one pass over the FFN's hidden layer, four float32 lanes at a time (WebAssembly SIMD):
;;   out[i] = h·(1 + erf(h)),  h = in[i]
;; The engine folds GELU's 1/√2 into W1, b1 and W2 when it loads a model, so this is all of
;; GELU(u)·W2 for u = √2·h (see ffn in src/engine/transformer.ts). tfjs's wasm backend needs three
;; passes for it (erf, which calls libm per element, then add, then mul); this is one.
;;
;; The module owns no memory: it imports the tfjs wasm backend's own, so it reads and writes
;; tensors where they lie (see host.ts). scripts/wasm-kernels/build-wasm.ts compiles this file
;; twice, with the import below as it is and as `(memory 1 65536 shared)` for the threaded
;; backend, into binaries.ts.
;;
;; erf, fitted by scripts/wasm-kernels/fit-erf.ts (which prints these coefficients and the error, 6.5e-8
;; at most: about half an ulp of 1):
;;   |x| < 1:  erf(x) = x + x·S(x²)
;;   |x| ≥ 1:  erf(x) = 1 − P(u)/Q(u),  u = min(|x|, 4) − 1
;; then the sign of x. NaN stays NaN (f32x4.pmin(NaN, 4) is NaN); beyond |x| = 4 erf rounds to ±1.
(module
  (import "env" "memory" (memory 1))

  ;; out[i] = h·(1 + erf(h)) for the n float32 values at byte offset $in, written at byte offset
  ;; $out (the two may be the same). Four values per turn of the loop; the last turn loads and
  ;; stores only the n mod 4 values left, so nothing outside either array is touched. Everything is
  ;; written out in the loop: V8 does not reliably inline calls (with them it ran 6% slower).
  (func (export "erf_gelu") (param $in i32) (param $out i32) (param $n i32)
    (local $left i32) (local $h v128) (local $ax v128) (local $t v128)
    (local $s v128) (local $u v128) (local $p v128) (local $q v128) (local $erf v128)
    (local.set $left (i32.shl (local.get $n) (i32.const 2))) ;; bytes still to do
    (block $done
      (loop $turn
      (br_if $done (i32.eqz (local.get $left)))

      ;; h: four values, or the 1 to 3 left (other lanes 0)
      (if (i32.ge_u (local.get $left) (i32.const 16))
        (then (local.set $h (v128.load (local.get $in))))
        (else
          (local.set $h (v128.load32_zero (local.get $in)))
          (if (i32.gt_u (local.get $left) (i32.const 4))
            (then (local.set $h (v128.load32_lane offset=4 1 (local.get $in) (local.get $h)))))
          (if (i32.gt_u (local.get $left) (i32.const 8))
            (then (local.set $h (v128.load32_lane offset=8 2 (local.get $in) (local.get $h)))))))
      (local.set $ax (f32x4.abs (local.get $h)))

      ;; |h| < 1: S(t), t = h²; erf = |h| + |h|·S
      (local.set $t (f32x4.mul (local.get $ax) (local.get $ax)))
      (local.set $s (f32x4.splat (f32.const 0.0000764816868)))
      (local.set $s (f32x4.add (f32x4.mul (local.get $s) (local.get $t)) (f32x4.splat (f32.const -0.000794267107))))
      (local.set $s (f32x4.add (f32x4.mul (local.get $s) (local.get $t)) (f32x4.splat (f32.const 0.00517978566))))
      (local.set $s (f32x4.add (f32x4.mul (local.get $s) (local.get $t)) (f32x4.splat (f32.const -0.0268486105))))
      (local.set $s (f32x4.add (f32x4.mul (local.get $s) (local.get $t)) (f32x4.splat (f32.const 0.112834305))))
      (local.set $s (f32x4.add (f32x4.mul (local.get $s) (local.get $t)) (f32x4.splat (f32.const -0.376126051))))
      (local.set $s (f32x4.add (f32x4.mul (local.get $s) (local.get $t)) (f32x4.splat (f32.const 0.128379151))))
      (local.set $s (f32x4.add (local.get $ax) (f32x4.mul (local.get $ax) (local.get $s))))

      ;; |h| ≥ 1: P(u)/Q(u), u = min(|h|, 4) − 1; erf = 1 − P/Q (pmin is one instruction on x64)
      (local.set $u (f32x4.sub (f32x4.pmin (local.get $ax) (f32x4.splat (f32.const 4))) (f32x4.splat (f32.const 1))))
      (local.set $p (f32x4.splat (f32.const 0.000339434424)))
      (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $u)) (f32x4.splat (f32.const -0.00551232416))))
      (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $u)) (f32x4.splat (f32.const 0.0376523137))))
      (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $u)) (f32x4.splat (f32.const -0.138631225))))
      (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $u)) (f32x4.splat (f32.const 0.290515035))))
      (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $u)) (f32x4.splat (f32.const -0.328893542))))
      (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $u)) (f32x4.splat (f32.const 0.157299206))))
      (local.set $q (f32x4.splat (f32.const 0.0296292938)))
      (local.set $q (f32x4.add (f32x4.mul (local.get $q) (local.get $u)) (f32x4.splat (f32.const 0.0454148725))))
      (local.set $q (f32x4.add (f32x4.mul (local.get $q) (local.get $u)) (f32x4.splat (f32.const 0.174610779))))
      (local.set $q (f32x4.add (f32x4.mul (local.get $q) (local.get $u)) (f32x4.splat (f32.const 0.277539492))))
      (local.set $q (f32x4.add (f32x4.mul (local.get $q) (local.get $u)) (f32x4.splat (f32.const 0.654441535))))
      (local.set $q (f32x4.add (f32x4.mul (local.get $q) (local.get $u)) (f32x4.splat (f32.const 0.548083901))))
      (local.set $q (f32x4.add (f32x4.mul (local.get $q) (local.get $u)) (f32x4.splat (f32.const 1.00000000))))
      (local.set $p (f32x4.sub (f32x4.splat (f32.const 1)) (f32x4.div (local.get $p) (local.get $q))))

      ;; each lane takes its piece (both are ≥ 0), then the sign bit of h
      (local.set $erf
        (v128.or
          (v128.bitselect (local.get $s) (local.get $p) (f32x4.lt (local.get $ax) (f32x4.splat (f32.const 1))))
          (v128.and (local.get $h) (i32x4.splat (i32.const 0x80000000)))))
      (local.set $h (f32x4.mul (local.get $h) (f32x4.add (f32x4.splat (f32.const 1)) (local.get $erf))))

      ;; out: four values, or the 1 to 3 left
      (if (i32.ge_u (local.get $left) (i32.const 16))
        (then
          (v128.store (local.get $out) (local.get $h))
          (local.set $left (i32.sub (local.get $left) (i32.const 16))))
        (else
          (v128.store32_lane 0 (local.get $out) (local.get $h))
          (if (i32.gt_u (local.get $left) (i32.const 4))
            (then (v128.store32_lane offset=4 1 (local.get $out) (local.get $h))))
          (if (i32.gt_u (local.get $left) (i32.const 8))
            (then (v128.store32_lane offset=8 2 (local.get $out) (local.get $h))))
          (local.set $left (i32.const 0))))
      (local.set $in (i32.add (local.get $in) (i32.const 16)))
      (local.set $out (i32.add (local.get $out) (i32.const 16)))
      (br $turn)))))
