/// A kernel's loop nest after a design point's tiling, unrolling and loop order.
///
/// Every loop is split into a tile loop (outer, `tileTrip` iterations) and a point loop inside
/// the tile (`tile` iterations, of which `unroll` run in parallel as lanes). The tile loops are
/// listed in the chosen order, outermost first; point loops follow the same order.
public struct LoopNest: Sendable, Hashable {
  /// One loop of the nest.
  public struct Level: Sendable, Hashable {
    public var name: String
    public var kind: LoopKind
    /// Iterations of the original loop.
    public var trip: Int
    /// Tile size, clamped to 1...trip.
    public var tile: Int
    /// Unroll factor, clamped to 1...tile.
    public var unroll: Int

    /// Iterations of the tile loop: ceil(trip / tile).
    public var tileTrip: Int { (trip + tile - 1) / tile }

    /// Sequential iterations of the point loop inside one tile: ceil(tile / unroll).
    public var pointTrip: Int { (tile + unroll - 1) / unroll }
  }

  /// Loops outermost first.
  public var levels: [Level]

  /// Builds the nest of `kernel` under `design`.
  ///
  /// Tiles larger than a loop's trip count are clamped to it (a phase can have fewer rows than
  /// the tile), and so are unroll factors larger than the tile. An explicit permutation that
  /// omits loops keeps the omitted ones innermost in their natural order; unknown names are
  /// ignored.
  public init(kernel: Kernel, design: KernelDesign) {
    let ordered = LoopNest.order(kernel.loops, by: design.loopOrder)
    levels = ordered.map { loop in
      let trip = max(1, loop.tripCount)
      let tile = min(max(1, design.tile[loop.name] ?? trip), trip)
      let unroll = min(max(1, design.unroll[loop.name] ?? 1), tile)
      return Level(name: loop.name, kind: loop.kind, trip: trip, tile: tile, unroll: unroll)
    }
  }

  /// Reorders loops for a loop order; the sort is stable, so ties keep the natural order.
  static func order(_ loops: [Loop], by order: LoopOrder) -> [Loop] {
    switch order {
    case .natural:
      return loops
    case .reductionOuter:
      return loops.filter { $0.kind == .reduction } + loops.filter { $0.kind == .parallel }
    case .reductionInner:
      return loops.filter { $0.kind == .parallel } + loops.filter { $0.kind == .reduction }
    case .permutation(let names):
      var result: [Loop] = []
      for name in names {
        if let loop = loops.first(where: { $0.name == name }),
          !result.contains(where: { $0.name == name })
        {
          result.append(loop)
        }
      }
      return result + loops.filter { loop in !result.contains { $0.name == loop.name } }
    }
  }

  /// Lanes P: the product of the unroll factors.
  public var lanes: Int { levels.reduce(1) { $0 * $1.unroll } }

  /// Position of the outermost reduction loop, or `levels.count` when there is none.
  public var outermostReduction: Int {
    levels.firstIndex { $0.kind == .reduction && $0.trip > 1 } ?? levels.count
  }

  /// The level with the given loop name.
  public func level(named name: String) -> Level? {
    levels.first { $0.name == name }
  }
}
