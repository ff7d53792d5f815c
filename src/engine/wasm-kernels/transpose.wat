;; Transpose of a [rows, cols] float32 matrix into [cols, rows] (rows and cols multiples of 4;
;; src/engine/wasm-kernels/transpose.ts uses tf.transpose otherwise), for turning checkpoint
;; weights (nn.Linear's [out][in]) into the engine's [in][out] when a model is built.
;; Walks 32×32 tiles so a tile of the source and of the result both stay in the cache, and turns
;; each 4×4 block with shuffles: four loads, eight shuffles, four stores. tfjs's own Transpose took
;; about 8 ns a value here; this is a pure data move.
;; Imports the tfjs wasm backend's memory like erf-gelu.wat (see host.ts).
(module
  (import "env" "memory" (memory 1))

  ;; src, dst: byte offsets of [rows][cols] and [cols][rows].
  (func (export "transpose")
    (param $src i32) (param $dst i32) (param $rows i32) (param $cols i32)
    (local $r0 i32) (local $c0 i32) (local $r i32) (local $c i32)
    (local $r_end i32) (local $c_end i32)
    (local $in_stride i32) (local $out_stride i32) (local $p i32) (local $q i32)
    (local $a v128) (local $b v128) (local $x v128) (local $d v128)
    (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)
    (local.set $in_stride (i32.shl (local.get $cols) (i32.const 2)))
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
                    ;; p = src + (r·cols + c)·4: rows r … r+3 of the block, 4 values each
                    (local.set $p
                      (i32.add (local.get $src)
                        (i32.shl
                          (i32.add (i32.mul (local.get $r) (local.get $cols)) (local.get $c))
                          (i32.const 2))))
                    (local.set $a (v128.load (local.get $p)))
                    (local.set $b (v128.load (i32.add (local.get $p) (local.get $in_stride))))
                    (local.set $x
                      (v128.load (i32.add (local.get $p) (i32.shl (local.get $in_stride) (i32.const 1)))))
                    (local.set $d
                      (v128.load
                        (i32.add (local.get $p)
                          (i32.mul (local.get $in_stride) (i32.const 3)))))
                    ;; t0 = a0 b0 a1 b1, t1 = a2 b2 a3 b3, t2 = x0 d0 x1 d1, t3 = x2 d2 x3 d3
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
                    ;; q = dst + (c·rows + r)·4: columns c … c+3 become rows of the result
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
