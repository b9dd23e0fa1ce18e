import StreamTune

/// The extent of a loop or tensor dimension in emitted code: a constant, or a run-time
/// argument of the block (`rows` tokens in this call, `keys` = cached plus new tokens).
enum Extent: Hashable, Sendable {
  case constant(Int)
  case rows
  case keys

  /// The C++ expression of the extent.
  var cpp: String {
    switch self {
    case .constant(let value): return String(value)
    case .rows: return "rows"
    case .keys: return "keys"
    }
  }

  /// The largest value the hardware must support.
  func maximum(_ limits: BlockLimits) -> Int {
    switch self {
    case .constant(let value): return value
    case .rows: return limits.maxRows
    case .keys: return limits.maxKeys
    }
  }

  var isConstant: Bool {
    if case .constant = self { return true }
    return false
  }
}

/// Sizes the hardware is built for.
struct BlockLimits: Hashable, Sendable {
  /// Largest number of tokens in one call (the longest prompt of the workload).
  var maxRows: Int
  /// Largest number of keys one query attends to (the longest context of the workload).
  var maxKeys: Int
}

/// One loop of an emitted kernel after tiling, unrolling and ordering.
struct EmitLevel: Hashable, Sendable {
  var name: String
  var kind: LoopKind
  var extent: Extent
  /// Tile size, clamped to 1...maximum extent.
  var tile: Int
  /// Unroll factor, clamped to 1...tile.
  var unroll: Int
  var maximum: Int

  /// Whether the tile loop always runs once (a constant extent that fits in one tile).
  var isTrivial: Bool { extent.isConstant && maximum <= tile }

  /// Whether a point index can fall outside the extent, so the code needs a bounds check.
  var needsGuard: Bool { !extent.isConstant || maximum % tile != 0 }

  /// The C++ expression of the tile loop's trip count.
  var tripCpp: String {
    if case .constant(let value) = extent { return String((value + tile - 1) / tile) }
    return "ceil_div(\(extent.cpp), \(tile))"
  }

  /// Tile-loop variable.
  var tileVariable: String { "t_\(name)" }

  /// Point-loop variable.
  var pointVariable: String { "p_\(name)" }

  /// The C++ expression of the global index of the current point.
  var globalCpp: String { "(\(tileVariable) * \(tile) + \(pointVariable))" }
}

extension EmitLevel {
  /// The extent of a loop of a block kernel: `m` counts the tokens of the call and the key
  /// loop `n` of the attention kernels counts the keys; every other loop is a constant.
  static func extent(loop: String, kernel: Kernel) -> Extent {
    if loop == "m" { return .rows }
    let attention: Set<KernelOperation> = [.attentionScore, .softmax, .attentionContext]
    if loop == "n" && attention.contains(kernel.operation) { return .keys }
    return .constant(kernel.loop(named: loop)?.tripCount ?? 1)
  }

  /// The levels of a kernel under a design, in the design's loop order.
  static func levels(kernel: Kernel, design: KernelDesign, limits: BlockLimits) -> [EmitLevel] {
    let nest = LoopNest(kernel: kernel, design: design)
    return nest.levels.map { level in
      let extent = extent(loop: level.name, kernel: kernel)
      let maximum = max(1, extent.maximum(limits))
      let tile = min(max(1, design.tile[level.name] ?? maximum), maximum)
      let unroll = min(max(1, design.unroll[level.name] ?? 1), tile)
      return EmitLevel(
        name: level.name, kind: level.kind, extent: extent, tile: tile, unroll: unroll,
        maximum: maximum)
    }
  }
}
