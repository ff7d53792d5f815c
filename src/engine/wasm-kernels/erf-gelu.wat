;; Exact GELU's one pass over the FFN's hidden layer, in float32 SIMD lanes (WebAssembly SIMD):
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
;; erf, fitted by scripts/wasm-kernels/fit-erf.ts (which prints these coefficients and the
;; error, 6.5e-8 at most: about half an ulp of 1):
;;   |x| < 1:  erf(x) = x + x·S(x²)
;;   |x| ≥ 1:  erf(x) = 1 − P(u)/Q(u),  u = min(|x|, 4) − 1
;; then the sign of x. NaN stays NaN (f32x4.pmin(NaN, 4) is NaN); beyond |x| = 4 erf rounds to ±1.
(module
  (import "env" "memory" (memory 1))

  ;; out[i] = h·(1 + erf(h)) for the n float32 values at byte offset $in, written at byte offset
  ;; $out. Needs n ≥ 12 (fewer: it does nothing) and the two arrays apart: erfGelu.ts sees to both.
  ;;
  ;; Twelve values per turn, as three groups of four lanes, each step written for the three
  ;; groups in turn: V8 keeps that order, and three independent chains keep the CPU busy where one
  ;; waits on its own results (512×3072 values took 5.1 ms one group at a time, 3.5 two, 2.3
  ;; three; four spill registers and are slower). All of it is written out here because V8 does
  ;; not inline calls (three groups through a call took 3.9 ms).
  ;; When n is not a multiple of 12, the last turn starts 12 values before the end, redoing a few
  ;; values the turn before it did, with the same result: nothing outside either array is touched.
  (func (export "erf_gelu") (param $in i32) (param $out i32) (param $n i32)
    (local $at i32) (local $last i32) ;; byte offsets of this turn and of the last one
    (local $h0 v128) (local $h1 v128) (local $h2 v128)
    (local $ax0 v128) (local $ax1 v128) (local $ax2 v128)
    (local $t0 v128) (local $t1 v128) (local $t2 v128)
    (local $s0 v128) (local $s1 v128) (local $s2 v128)
    (local $u0 v128) (local $u1 v128) (local $u2 v128)
    (local $p0 v128) (local $p1 v128) (local $p2 v128)
    (local $q0 v128) (local $q1 v128) (local $q2 v128)
    (local $erf0 v128) (local $erf1 v128) (local $erf2 v128)
    (if (i32.lt_u (local.get $n) (i32.const 12)) (then (return)))
    (local.set $last (i32.shl (i32.sub (local.get $n) (i32.const 12)) (i32.const 2)))
    (block $done
      (loop $turn
      (local.set $h0 (v128.load (i32.add (local.get $in) (local.get $at))))
      (local.set $h1 (v128.load offset=16 (i32.add (local.get $in) (local.get $at))))
      (local.set $h2 (v128.load offset=32 (i32.add (local.get $in) (local.get $at))))

      (local.set $ax0 (f32x4.abs (local.get $h0)))
      (local.set $ax1 (f32x4.abs (local.get $h1)))
      (local.set $ax2 (f32x4.abs (local.get $h2)))
      ;; |h| < 1: S(t), t = h²; erf = |h| + |h|·S
      (local.set $t0 (f32x4.mul (local.get $ax0) (local.get $ax0)))
      (local.set $t1 (f32x4.mul (local.get $ax1) (local.get $ax1)))
      (local.set $t2 (f32x4.mul (local.get $ax2) (local.get $ax2)))
      (local.set $s0 (f32x4.splat (f32.const 0.0000764816868)))
      (local.set $s1 (f32x4.splat (f32.const 0.0000764816868)))
      (local.set $s2 (f32x4.splat (f32.const 0.0000764816868)))
      (local.set $s0 (f32x4.add (f32x4.mul (local.get $s0) (local.get $t0)) (f32x4.splat (f32.const -0.000794267107))))
      (local.set $s1 (f32x4.add (f32x4.mul (local.get $s1) (local.get $t1)) (f32x4.splat (f32.const -0.000794267107))))
      (local.set $s2 (f32x4.add (f32x4.mul (local.get $s2) (local.get $t2)) (f32x4.splat (f32.const -0.000794267107))))
      (local.set $s0 (f32x4.add (f32x4.mul (local.get $s0) (local.get $t0)) (f32x4.splat (f32.const 0.00517978566))))
      (local.set $s1 (f32x4.add (f32x4.mul (local.get $s1) (local.get $t1)) (f32x4.splat (f32.const 0.00517978566))))
      (local.set $s2 (f32x4.add (f32x4.mul (local.get $s2) (local.get $t2)) (f32x4.splat (f32.const 0.00517978566))))
      (local.set $s0 (f32x4.add (f32x4.mul (local.get $s0) (local.get $t0)) (f32x4.splat (f32.const -0.0268486105))))
      (local.set $s1 (f32x4.add (f32x4.mul (local.get $s1) (local.get $t1)) (f32x4.splat (f32.const -0.0268486105))))
      (local.set $s2 (f32x4.add (f32x4.mul (local.get $s2) (local.get $t2)) (f32x4.splat (f32.const -0.0268486105))))
      (local.set $s0 (f32x4.add (f32x4.mul (local.get $s0) (local.get $t0)) (f32x4.splat (f32.const 0.112834305))))
      (local.set $s1 (f32x4.add (f32x4.mul (local.get $s1) (local.get $t1)) (f32x4.splat (f32.const 0.112834305))))
      (local.set $s2 (f32x4.add (f32x4.mul (local.get $s2) (local.get $t2)) (f32x4.splat (f32.const 0.112834305))))
      (local.set $s0 (f32x4.add (f32x4.mul (local.get $s0) (local.get $t0)) (f32x4.splat (f32.const -0.376126051))))
      (local.set $s1 (f32x4.add (f32x4.mul (local.get $s1) (local.get $t1)) (f32x4.splat (f32.const -0.376126051))))
      (local.set $s2 (f32x4.add (f32x4.mul (local.get $s2) (local.get $t2)) (f32x4.splat (f32.const -0.376126051))))
      (local.set $s0 (f32x4.add (f32x4.mul (local.get $s0) (local.get $t0)) (f32x4.splat (f32.const 0.128379151))))
      (local.set $s1 (f32x4.add (f32x4.mul (local.get $s1) (local.get $t1)) (f32x4.splat (f32.const 0.128379151))))
      (local.set $s2 (f32x4.add (f32x4.mul (local.get $s2) (local.get $t2)) (f32x4.splat (f32.const 0.128379151))))
      (local.set $s0 (f32x4.add (local.get $ax0) (f32x4.mul (local.get $ax0) (local.get $s0))))
      (local.set $s1 (f32x4.add (local.get $ax1) (f32x4.mul (local.get $ax1) (local.get $s1))))
      (local.set $s2 (f32x4.add (local.get $ax2) (f32x4.mul (local.get $ax2) (local.get $s2))))
      ;; |h| ≥ 1: P(u)/Q(u), u = min(|h|, 4) − 1; erf = 1 − P/Q (pmin is one instruction on x64)
      (local.set $u0 (f32x4.sub (f32x4.pmin (local.get $ax0) (f32x4.splat (f32.const 4))) (f32x4.splat (f32.const 1))))
      (local.set $u1 (f32x4.sub (f32x4.pmin (local.get $ax1) (f32x4.splat (f32.const 4))) (f32x4.splat (f32.const 1))))
      (local.set $u2 (f32x4.sub (f32x4.pmin (local.get $ax2) (f32x4.splat (f32.const 4))) (f32x4.splat (f32.const 1))))
      (local.set $p0 (f32x4.splat (f32.const 0.000339434424)))
      (local.set $p1 (f32x4.splat (f32.const 0.000339434424)))
      (local.set $p2 (f32x4.splat (f32.const 0.000339434424)))
      (local.set $p0 (f32x4.add (f32x4.mul (local.get $p0) (local.get $u0)) (f32x4.splat (f32.const -0.00551232416))))
      (local.set $p1 (f32x4.add (f32x4.mul (local.get $p1) (local.get $u1)) (f32x4.splat (f32.const -0.00551232416))))
      (local.set $p2 (f32x4.add (f32x4.mul (local.get $p2) (local.get $u2)) (f32x4.splat (f32.const -0.00551232416))))
      (local.set $p0 (f32x4.add (f32x4.mul (local.get $p0) (local.get $u0)) (f32x4.splat (f32.const 0.0376523137))))
      (local.set $p1 (f32x4.add (f32x4.mul (local.get $p1) (local.get $u1)) (f32x4.splat (f32.const 0.0376523137))))
      (local.set $p2 (f32x4.add (f32x4.mul (local.get $p2) (local.get $u2)) (f32x4.splat (f32.const 0.0376523137))))
      (local.set $p0 (f32x4.add (f32x4.mul (local.get $p0) (local.get $u0)) (f32x4.splat (f32.const -0.138631225))))
      (local.set $p1 (f32x4.add (f32x4.mul (local.get $p1) (local.get $u1)) (f32x4.splat (f32.const -0.138631225))))
      (local.set $p2 (f32x4.add (f32x4.mul (local.get $p2) (local.get $u2)) (f32x4.splat (f32.const -0.138631225))))
      (local.set $p0 (f32x4.add (f32x4.mul (local.get $p0) (local.get $u0)) (f32x4.splat (f32.const 0.290515035))))
      (local.set $p1 (f32x4.add (f32x4.mul (local.get $p1) (local.get $u1)) (f32x4.splat (f32.const 0.290515035))))
      (local.set $p2 (f32x4.add (f32x4.mul (local.get $p2) (local.get $u2)) (f32x4.splat (f32.const 0.290515035))))
      (local.set $p0 (f32x4.add (f32x4.mul (local.get $p0) (local.get $u0)) (f32x4.splat (f32.const -0.328893542))))
      (local.set $p1 (f32x4.add (f32x4.mul (local.get $p1) (local.get $u1)) (f32x4.splat (f32.const -0.328893542))))
      (local.set $p2 (f32x4.add (f32x4.mul (local.get $p2) (local.get $u2)) (f32x4.splat (f32.const -0.328893542))))
      (local.set $p0 (f32x4.add (f32x4.mul (local.get $p0) (local.get $u0)) (f32x4.splat (f32.const 0.157299206))))
      (local.set $p1 (f32x4.add (f32x4.mul (local.get $p1) (local.get $u1)) (f32x4.splat (f32.const 0.157299206))))
      (local.set $p2 (f32x4.add (f32x4.mul (local.get $p2) (local.get $u2)) (f32x4.splat (f32.const 0.157299206))))
      (local.set $q0 (f32x4.splat (f32.const 0.0296292938)))
      (local.set $q1 (f32x4.splat (f32.const 0.0296292938)))
      (local.set $q2 (f32x4.splat (f32.const 0.0296292938)))
      (local.set $q0 (f32x4.add (f32x4.mul (local.get $q0) (local.get $u0)) (f32x4.splat (f32.const 0.0454148725))))
      (local.set $q1 (f32x4.add (f32x4.mul (local.get $q1) (local.get $u1)) (f32x4.splat (f32.const 0.0454148725))))
      (local.set $q2 (f32x4.add (f32x4.mul (local.get $q2) (local.get $u2)) (f32x4.splat (f32.const 0.0454148725))))
      (local.set $q0 (f32x4.add (f32x4.mul (local.get $q0) (local.get $u0)) (f32x4.splat (f32.const 0.174610779))))
      (local.set $q1 (f32x4.add (f32x4.mul (local.get $q1) (local.get $u1)) (f32x4.splat (f32.const 0.174610779))))
      (local.set $q2 (f32x4.add (f32x4.mul (local.get $q2) (local.get $u2)) (f32x4.splat (f32.const 0.174610779))))
      (local.set $q0 (f32x4.add (f32x4.mul (local.get $q0) (local.get $u0)) (f32x4.splat (f32.const 0.277539492))))
      (local.set $q1 (f32x4.add (f32x4.mul (local.get $q1) (local.get $u1)) (f32x4.splat (f32.const 0.277539492))))
      (local.set $q2 (f32x4.add (f32x4.mul (local.get $q2) (local.get $u2)) (f32x4.splat (f32.const 0.277539492))))
      (local.set $q0 (f32x4.add (f32x4.mul (local.get $q0) (local.get $u0)) (f32x4.splat (f32.const 0.654441535))))
      (local.set $q1 (f32x4.add (f32x4.mul (local.get $q1) (local.get $u1)) (f32x4.splat (f32.const 0.654441535))))
      (local.set $q2 (f32x4.add (f32x4.mul (local.get $q2) (local.get $u2)) (f32x4.splat (f32.const 0.654441535))))
      (local.set $q0 (f32x4.add (f32x4.mul (local.get $q0) (local.get $u0)) (f32x4.splat (f32.const 0.548083901))))
      (local.set $q1 (f32x4.add (f32x4.mul (local.get $q1) (local.get $u1)) (f32x4.splat (f32.const 0.548083901))))
      (local.set $q2 (f32x4.add (f32x4.mul (local.get $q2) (local.get $u2)) (f32x4.splat (f32.const 0.548083901))))
      (local.set $q0 (f32x4.add (f32x4.mul (local.get $q0) (local.get $u0)) (f32x4.splat (f32.const 1.00000000))))
      (local.set $q1 (f32x4.add (f32x4.mul (local.get $q1) (local.get $u1)) (f32x4.splat (f32.const 1.00000000))))
      (local.set $q2 (f32x4.add (f32x4.mul (local.get $q2) (local.get $u2)) (f32x4.splat (f32.const 1.00000000))))
      (local.set $p0 (f32x4.sub (f32x4.splat (f32.const 1)) (f32x4.div (local.get $p0) (local.get $q0))))
      (local.set $p1 (f32x4.sub (f32x4.splat (f32.const 1)) (f32x4.div (local.get $p1) (local.get $q1))))
      (local.set $p2 (f32x4.sub (f32x4.splat (f32.const 1)) (f32x4.div (local.get $p2) (local.get $q2))))
      ;; each lane takes its piece (both are ≥ 0), then the sign bit of h
      (local.set $erf0 (v128.or (v128.bitselect (local.get $s0) (local.get $p0) (f32x4.lt (local.get $ax0) (f32x4.splat (f32.const 1)))) (v128.and (local.get $h0) (i32x4.splat (i32.const 0x80000000)))))
      (local.set $erf1 (v128.or (v128.bitselect (local.get $s1) (local.get $p1) (f32x4.lt (local.get $ax1) (f32x4.splat (f32.const 1)))) (v128.and (local.get $h1) (i32x4.splat (i32.const 0x80000000)))))
      (local.set $erf2 (v128.or (v128.bitselect (local.get $s2) (local.get $p2) (f32x4.lt (local.get $ax2) (f32x4.splat (f32.const 1)))) (v128.and (local.get $h2) (i32x4.splat (i32.const 0x80000000)))))
      (local.set $h0 (f32x4.mul (local.get $h0) (f32x4.add (f32x4.splat (f32.const 1)) (local.get $erf0))))
      (local.set $h1 (f32x4.mul (local.get $h1) (f32x4.add (f32x4.splat (f32.const 1)) (local.get $erf1))))
      (local.set $h2 (f32x4.mul (local.get $h2) (f32x4.add (f32x4.splat (f32.const 1)) (local.get $erf2))))

      (v128.store (i32.add (local.get $out) (local.get $at)) (local.get $h0))
      (v128.store offset=16 (i32.add (local.get $out) (local.get $at)) (local.get $h1))
      (v128.store offset=32 (i32.add (local.get $out) (local.get $at)) (local.get $h2))
      (br_if $done (i32.ge_u (local.get $at) (local.get $last)))
      (local.set $at (i32.add (local.get $at) (i32.const 48)))
      (if (i32.gt_u (local.get $at) (local.get $last)) (then (local.set $at (local.get $last))))
      (br $turn))))
)
