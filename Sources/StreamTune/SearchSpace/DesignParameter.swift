/// What a design variable decides.
public enum DesignParameter: String, Sendable, Hashable, Codable, CaseIterable {
  /// Tile size of one loop of the target kernels.
  case tile
  /// Unroll (lane) factor of one loop of the target kernels.
  case unroll
  /// Loop order of the target kernels: `natural`, `reduction_outer` or `reduction_inner`.
  case loopOrder = "loop_order"
  /// External-memory channels of the target kernels' DMA ports.
  case channels
  /// Whether the listed edges stream on chip (`true`) or go through external memory (`false`).
  case fuse
  /// FIFO equalisation inside regions: `normal` or `conservative`.
  case fifoEqualisation = "fifo_equalisation"
  /// How kernels are grouped into regions: `greedy`, `explicit` (by the `fuse` variables) or
  /// `all`.
  case fusionPolicy = "fusion_policy"
  /// Buffers of at most this many bits are bound to LUTRAM.
  case lutramMaxBits = "lutram_max_bits"
  /// Buffers of at least this many bits are bound to URAM.
  case uramMinBits = "uram_min_bits"
  /// SLR assignment method: `ilp` or `greedy`.
  case slrPlacement = "slr_placement"

  /// The names accepted in search-space files, in declaration order.
  public static let names = allCases.map(\.rawValue)

  /// How the values of a variable with this parameter are encoded.
  public var kind: DesignVariable.Kind {
    switch self {
    case .tile, .unroll, .channels, .lutramMaxBits, .uramMinBits: return .ordinal
    case .loopOrder, .fifoEqualisation, .fusionPolicy, .slrPlacement: return .categorical
    case .fuse: return .boolean
    }
  }

  /// Whether the variable names target kernels.
  public var takesKernels: Bool { [.tile, .unroll, .loopOrder, .channels].contains(self) }

  /// Whether the variable names one loop of its kernels.
  public var takesLoop: Bool { self == .tile || self == .unroll }

  /// Whether the variable names edges of the block graph.
  public var takesEdges: Bool { self == .fuse }

  /// The allowed values of a categorical parameter; empty for the others.
  public var categories: [String] {
    switch self {
    case .loopOrder: return LoopOrder.names
    case .fifoEqualisation: return FIFOEqualisation.allCases.map(\.rawValue)
    case .fusionPolicy: return FusionPolicy.allCases.map(\.rawValue)
    case .slrPlacement: return SLRPlacement.allCases.map(\.rawValue)
    default: return []
    }
  }
}

/// How kernels are grouped into dataflow regions, as a search-space choice.
public enum FusionPolicy: String, Sendable, Hashable, Codable, CaseIterable {
  /// Join each kernel to its latest predecessor's region until the on-chip memory budget is
  /// reached.
  case greedy
  /// Fuse exactly the edges that the `fuse` variables (or the `fuse` default) keep on chip.
  case explicit
  /// Stream every edge on chip: the whole block is one region.
  case all
}

/// One value a design variable can take.
public enum DesignValue: Sendable, Hashable, Codable, CustomStringConvertible {
  case int(Int)
  case string(String)
  case bool(Bool)

  public var intValue: Int? {
    if case .int(let value) = self { return value }
    return nil
  }

  public var stringValue: String? {
    if case .string(let value) = self { return value }
    return nil
  }

  public var boolValue: Bool? {
    if case .bool(let value) = self { return value }
    return nil
  }

  public var description: String {
    switch self {
    case .int(let value): return String(value)
    case .string(let value): return value
    case .bool(let value): return value ? "true" : "false"
    }
  }
}
