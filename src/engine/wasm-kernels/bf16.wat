;; bfloat16 → float32 on the engine's side of the upload (src/engine/wasm-kernels/bf16.ts):
;; checkpoint weights stored as bfloat16 stay 16-bit until they reach tfjs's wasm heap, and are
;; widened there (a bfloat16 is the top half of a float32: widen the word, shift it left 16).
;;   widen(src, dst, n): n words at src → n floats at dst (any n; eight per turn, then one by one)
;;   widen_transpose(src, dst, rows, cols): [rows][cols] words → [cols][rows] floats, for
;;     nn.Linear weights; rows and cols multiples of 4, 32×32 tiles and 4×4 shuffle blocks as in
;;     transpose.wat.
;; Imports the tfjs wasm backend's memory like erf-gelu.wat (see host.ts).
(module
  (import "env" "memory" (memory 1))

  (func (export "widen") (param $src i32) (param $dst i32) (param $n i32)
    (local $v v128) (local $end i32)
    ;; eight words per turn
    (local.set $end (i32.add (local.get $src) (i32.shl (i32.and (local.get $n) (i32.const -8)) (i32.const 1))))
    (block $bulk_done
      (loop $bulk
        (br_if $bulk_done (i32.ge_u (local.get $src) (local.get $end)))
        (local.set $v (v128.load (local.get $src)))
        (v128.store (local.get $dst)
          (i32x4.shl (i32x4.extend_low_i16x8_u (local.get $v)) (i32.const 16)))
        (v128.store (i32.add (local.get $dst) (i32.const 16))
          (i32x4.shl (i32x4.extend_high_i16x8_u (local.get $v)) (i32.const 16)))
        (local.set $src (i32.add (local.get $src) (i32.const 16)))
        (local.set $dst (i32.add (local.get $dst) (i32.const 32)))
        (br $bulk)))
    ;; the last n mod 8 one by one
    (local.set $end (i32.add (local.get $src) (i32.shl (i32.and (local.get $n) (i32.const 7)) (i32.const 1))))
    (block $tail_done
      (loop $tail
        (br_if $tail_done (i32.ge_u (local.get $src) (local.get $end)))
        (i32.store (local.get $dst) (i32.shl (i32.load16_u (local.get $src)) (i32.const 16)))
        (local.set $src (i32.add (local.get $src) (i32.const 2)))
        (local.set $dst (i32.add (local.get $dst) (i32.const 4)))
        (br $tail))))

  (func (export "widen_transpose")
    (param $src i32) (param $dst i32) (param $rows i32) (param $cols i32)
    (local $r0 i32) (local $c0 i32) (local $r i32) (local $c i32)
    (local $r_end i32) (local $c_end i32)
    (local $in_stride i32) (local $out_stride i32) (local $p i32) (local $q i32)
    (local $a v128) (local $b v128) (local $x v128) (local $d v128)
    (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)
    (local.set $in_stride (i32.shl (local.get $cols) (i32.const 1)))
    (local.set $out_stride (i32.shl (local.get $rows) (i32.const 2)))
    (local.set $r0 (i32.const 0))
    (block $rows_done
      (loop $tile_rows
        (br_if $rows_done (i32.ge_u (local.get $r0) (local.get $rows)))
        (local.set $r_end (i32.add (local.get $r0) (i32.const 32)))
        (if (i32.gt_u (local.get $r_end) (local.get $rows))
          (then (local.set $r_end (local.get $rows))))
        (local.set $c0 (i32.const 0))
        (block $cols_done
          (loop $tile_cols
            (br_if $cols_done (i32.ge_u (local.get $c0) (local.get $cols)))
            (local.set $c_end (i32.add (local.get $c0) (i32.const 32)))
            (if (i32.gt_u (local.get $c_end) (local.get $cols))
              (then (local.set $c_end (local.get $cols))))
            (local.set $r (local.get $r0))
            (block $r_done
              (loop $block_rows
                (br_if $r_done (i32.ge_u (local.get $r) (local.get $r_end)))
                (local.set $c (local.get $c0))
                (block $c_done
                  (loop $block_cols
                    (br_if $c_done (i32.ge_u (local.get $c) (local.get $c_end)))
                    ;; p = src + (r·cols + c)·2: four words of rows r … r+3, widened to floats
                    (local.set $p
                      (i32.add (local.get $src)
                        (i32.shl
                          (i32.add (i32.mul (local.get $r) (local.get $cols)) (local.get $c))
                          (i32.const 1))))
                    (local.set $a
                      (i32x4.shl (i32x4.extend_low_i16x8_u (v128.load64_zero (local.get $p)))
                        (i32.const 16)))
                    (local.set $b
                      (i32x4.shl
                        (i32x4.extend_low_i16x8_u
                          (v128.load64_zero (i32.add (local.get $p) (local.get $in_stride))))
                        (i32.const 16)))
                    (local.set $x
                      (i32x4.shl
                        (i32x4.extend_low_i16x8_u
                          (v128.load64_zero
                            (i32.add (local.get $p) (i32.shl (local.get $in_stride) (i32.const 1)))))
                        (i32.const 16)))
                    (local.set $d
                      (i32x4.shl
                        (i32x4.extend_low_i16x8_u
                          (v128.load64_zero
                            (i32.add (local.get $p) (i32.mul (local.get $in_stride) (i32.const 3)))))
                        (i32.const 16)))
                    (local.set $t0
                      (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23
                        (local.get $a) (local.get $b)))
                    (local.set $t1
                      (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31
                        (local.get $a) (local.get $b)))
                    (local.set $t2
                      (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23
                        (local.get $x) (local.get $d)))
                    (local.set $t3
                      (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31
                        (local.get $x) (local.get $d)))
                    ;; q = dst + (c·rows + r)·4
                    (local.set $q
                      (i32.add (local.get $dst)
                        (i32.shl
                          (i32.add (i32.mul (local.get $c) (local.get $rows)) (local.get $r))
                          (i32.const 2))))
                    (v128.store (local.get $q)
                      (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
                        (local.get $t0) (local.get $t2)))
                    (v128.store (i32.add (local.get $q) (local.get $out_stride))
                      (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31
                        (local.get $t0) (local.get $t2)))
                    (v128.store
                      (i32.add (local.get $q) (i32.shl (local.get $out_stride) (i32.const 1)))
                      (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
                        (local.get $t1) (local.get $t3)))
                    (v128.store
                      (i32.add (local.get $q) (i32.mul (local.get $out_stride) (i32.const 3)))
                      (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31
                        (local.get $t1) (local.get $t3)))
                    (local.set $c (i32.add (local.get $c) (i32.const 4)))
                    (br $block_cols)))
                (local.set $r (i32.add (local.get $r) (i32.const 4)))
                (br $block_rows)))
            (local.set $c0 (i32.add (local.get $c0) (i32.const 32)))
            (br $tile_cols)))
        (local.set $r0 (i32.add (local.get $r0) (i32.const 32)))
        (br $tile_rows))))
)
