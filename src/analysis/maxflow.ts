/**
 * Maximum flow through a layered graph (Dinic's algorithm), the engine of attention flow.
 *
 * The graph has levels 0 … L of `width` nodes each. `capacities[l]` (l = 0 … L − 1) is a row-major
 * [width][width] matrix: entry [i][j] is the capacity of the edge from node i of level l + 1 down to
 * node j of level l (zero = no edge). Flow runs from a source node on the top level L to a sink node
 * on level 0.
 *
 * Complexity: V = (L + 1)·width nodes and E ≤ L·width² edges. Building the network is O(E); each
 * `maxFlow` call is Dinic's O(V²·E) in the worst case and in practice a handful of BFS/DFS phases,
 * each O(E + paths·L). Capacities are real numbers: a residual capacity ≤ 1e-12 counts as saturated,
 * which keeps float round-off from creating endless tiny augmentations.
 */

/** Residual capacities at or below this count as zero. */
const EPSILON = 1e-12;

/** A layered flow network built once and solved for many (source, sink) pairs. */
export class LayeredFlowNetwork {
  readonly levels: number;
  readonly width: number;
  private readonly nodes: number;
  /** CSR: the edges of node u are first[u] … first[u + 1] − 1. */
  private readonly first: Int32Array;
  private readonly to: Int32Array;
  /** Index of each edge's reverse edge. */
  private readonly pair: Int32Array;
  private readonly capacity: Float64Array;
  private readonly residual: Float64Array;
  private readonly level: Int32Array;
  private readonly next: Int32Array;
  private readonly queue: Int32Array;

  /**
   * @param capacities L matrices [width][width] (see the module comment); L ≥ 1.
   * @param width nodes per level.
   * Throws a RangeError on an empty list, a matrix of the wrong size or a negative/NaN capacity.
   */
  constructor(capacities: readonly ArrayLike<number>[], width: number) {
    if (capacities.length === 0) throw new RangeError('a layered network needs at least one layer');
    if (!Number.isInteger(width) || width < 1) {
      throw new RangeError(`width must be a positive integer, got ${width}`);
    }
    const layers = capacities.length;
    this.levels = layers + 1;
    this.width = width;
    this.nodes = this.levels * width;
    const degree = new Int32Array(this.nodes + 1);
    let edges = 0;
    capacities.forEach((matrix, l) => {
      if (matrix.length !== width * width) {
        throw new RangeError(
          `capacities[${l}] has ${matrix.length} values, expected ${width}×${width}`,
        );
      }
      for (let i = 0; i < width; i++) {
        for (let j = 0; j < width; j++) {
          const c = matrix[i * width + j]!;
          if (!(c >= 0)) throw new RangeError(`capacities[${l}][${i}][${j}] = ${c} is not ≥ 0`);
          if (c > 0) {
            degree[(l + 1) * width + i]!++;
            degree[l * width + j]!++;
            edges++;
          }
        }
      }
    });
    this.first = new Int32Array(this.nodes + 1);
    for (let u = 0; u < this.nodes; u++) this.first[u + 1] = this.first[u]! + degree[u]!;
    const fill = this.first.slice(0, this.nodes);
    this.to = new Int32Array(2 * edges);
    this.pair = new Int32Array(2 * edges);
    this.capacity = new Float64Array(2 * edges);
    this.residual = new Float64Array(2 * edges);
    capacities.forEach((matrix, l) => {
      for (let i = 0; i < width; i++) {
        const u = (l + 1) * width + i;
        for (let j = 0; j < width; j++) {
          const c = matrix[i * width + j]!;
          if (c > 0) {
            const v = l * width + j;
            const e = fill[u]!++;
            const r = fill[v]!++;
            this.to[e] = v;
            this.to[r] = u;
            this.pair[e] = r;
            this.pair[r] = e;
            this.capacity[e] = c;
          }
        }
      }
    });
    this.level = new Int32Array(this.nodes);
    this.next = new Int32Array(this.nodes);
    this.queue = new Int32Array(this.nodes);
  }

  /**
   * The maximum flow from node `source` of the top level to node `sink` of level 0.
   * Throws a RangeError if either index is outside [0, width).
   */
  maxFlow(source: number, sink: number): number {
    const { width } = this;
    for (const [name, v] of [
      ['source', source],
      ['sink', sink],
    ] as const) {
      if (!Number.isInteger(v) || v < 0 || v >= width) {
        throw new RangeError(`${name} ${v} is outside [0, ${width})`);
      }
    }
    const s = (this.levels - 1) * width + source;
    const t = sink;
    this.residual.set(this.capacity);
    let total = 0;
    while (this.bfs(s, t)) {
      this.next.set(this.first.subarray(0, this.nodes));
      for (;;) {
        const pushed = this.dfs(s, t, Infinity);
        if (pushed <= 0) break;
        total += pushed;
      }
    }
    return total;
  }

  /** Levels the residual graph from `s`; whether `t` is reachable. */
  private bfs(s: number, t: number): boolean {
    const { level, queue, first, to, residual } = this;
    level.fill(-1);
    level[s] = 0;
    queue[0] = s;
    let head = 0;
    let tail = 1;
    while (head < tail) {
      const u = queue[head++]!;
      const lu = level[u]!;
      for (let e = first[u]!; e < first[u + 1]!; e++) {
        const v = to[e]!;
        if (level[v]! < 0 && residual[e]! > EPSILON) {
          level[v] = lu + 1;
          if (v === t) return true;
          queue[tail++] = v;
        }
      }
    }
    return false;
  }

  /** Pushes one augmenting path of the level graph from u to t (at most `limit`); returns its flow. */
  private dfs(u: number, t: number, limit: number): number {
    if (u === t) return limit;
    const { level, next, first, to, residual, pair } = this;
    const end = first[u + 1]!;
    for (; next[u]! < end; next[u]!++) {
      const e = next[u]!;
      const v = to[e]!;
      const r = residual[e]!;
      if (r > EPSILON && level[v] === level[u]! + 1) {
        const pushed = this.dfs(v, t, limit < r ? limit : r);
        if (pushed > 0) {
          residual[e] = r - pushed;
          residual[pair[e]!]! += pushed;
          return pushed;
        }
      }
    }
    return 0;
  }
}

/**
 * The maximum flow from node `source` of the top level to node `sink` of level 0 of the layered
 * graph given by `capacities` (see the module comment). Builds the network for one query; use
 * `LayeredFlowNetwork` to solve many pairs on one graph.
 */
export function layeredMaxFlow(
  capacities: readonly ArrayLike<number>[],
  width: number,
  source: number,
  sink: number,
): number {
  return new LayeredFlowNetwork(capacities, width).maxFlow(source, sink);
}
