;; LayerNorm of each row of a [rows, cols] float32 matrix, four lanes at a time (cols a multiple
;; of 4; src/engine/wasm-kernels/layerNorm.ts uses tf ops otherwise):
;;   out = ((x − mean)·r)·γ + β,  r = 1/√(var + eps),  var the biased variance (PyTorch's)
;; Three passes over each row (sum; squared deviations; write) while it sits in the cache, where
;; tfjs needs about ten ops over the whole matrix.
;; Each sum keeps four lane-wise partial sums in column order, then adds (l0 + l1) + (l2 + l3):
;; scripts/wasm-kernels/replay.ts replays exactly that to check the numbers.
;; Imports the tfjs wasm backend's memory like erf-gelu.wat (see host.ts).
(module
  (import "env" "memory" (memory 1))

  (func $lanes_sum (param $v v128) (result f32)
    (f32.add
      (f32.add (f32x4.extract_lane 0 (local.get $v)) (f32x4.extract_lane 1 (local.get $v)))
      (f32.add (f32x4.extract_lane 2 (local.get $v)) (f32x4.extract_lane 3 (local.get $v)))))

  ;; x, gamma, beta, out: byte offsets; gamma and beta hold cols values.
  (func (export "layer_norm")
    (param $x i32) (param $gamma i32) (param $beta i32) (param $out i32)
    (param $rows i32) (param $cols i32) (param $eps f32)
    (local $row_bytes i32) (local $j i32) (local $n f32)
    (local $acc v128) (local $d v128) (local $mean v128) (local $r v128)
    (local.set $row_bytes (i32.shl (local.get $cols) (i32.const 2)))
    (local.set $n (f32.convert_i32_u (local.get $cols)))
    (block $done
      (loop $row
        (br_if $done (i32.eqz (local.get $rows)))

        ;; mean = Σx / n
        (local.set $acc (v128.const i32x4 0 0 0 0))
        (local.set $j (i32.const 0))
        (block $sum_done
          (loop $sum
            (br_if $sum_done (i32.ge_u (local.get $j) (local.get $row_bytes)))
            (local.set $acc
              (f32x4.add (local.get $acc) (v128.load (i32.add (local.get $x) (local.get $j)))))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (br $sum)))
        (local.set $mean
          (f32x4.splat (f32.div (call $lanes_sum (local.get $acc)) (local.get $n))))

        ;; var = Σ(x − mean)² / n; r = 1/√(var + eps)
        (local.set $acc (v128.const i32x4 0 0 0 0))
        (local.set $j (i32.const 0))
        (block $var_done
          (loop $var
            (br_if $var_done (i32.ge_u (local.get $j) (local.get $row_bytes)))
            (local.set $d
              (f32x4.sub (v128.load (i32.add (local.get $x) (local.get $j))) (local.get $mean)))
            (local.set $acc (f32x4.add (local.get $acc) (f32x4.mul (local.get $d) (local.get $d))))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (br $var)))
        (local.set $r
          (f32x4.splat
            (f32.div (f32.const 1)
              (f32.sqrt
                (f32.add (f32.div (call $lanes_sum (local.get $acc)) (local.get $n)) (local.get $eps))))))

        ;; out = ((x − mean)·r)·γ + β
        (local.set $j (i32.const 0))
        (block $write_done
          (loop $write
            (br_if $write_done (i32.ge_u (local.get $j) (local.get $row_bytes)))
            (v128.store (i32.add (local.get $out) (local.get $j))
              (f32x4.add
                (f32x4.mul
                  (f32x4.mul
                    (f32x4.sub (v128.load (i32.add (local.get $x) (local.get $j))) (local.get $mean))
                    (local.get $r))
                  (v128.load (i32.add (local.get $gamma) (local.get $j))))
                (v128.load (i32.add (local.get $beta) (local.get $j)))))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (br $write)))

        (local.set $x (i32.add (local.get $x) (local.get $row_bytes)))
        (local.set $out (i32.add (local.get $out) (local.get $row_bytes)))
        (local.set $rows (i32.sub (local.get $rows) (i32.const 1)))
        (br $row))))
)
