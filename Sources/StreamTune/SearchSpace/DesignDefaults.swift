/// The values a design point takes for every decision that no variable searches.
///
/// Tile and unroll defaults are written per loop name (`"n": 64` applies to every kernel with
/// a loop `n`) and may be overridden per kernel (`"fc1.n": 128`).
public struct DesignDefaults: Sendable, Hashable {
  /// Tile size per loop name; a loop without an entry is not tiled.
  public var tileByLoop: [String: Int]
  /// Tile size per kernel and loop name, taking precedence over `tileByLoop`.
  public var tileByKernel: [String: [String: Int]]
  /// Unroll factor per loop name; a loop without an entry is not unrolled (factor 1).
  public var unrollByLoop: [String: Int]
  /// Unroll factor per kernel and loop name, taking precedence over `unrollByLoop`.
  public var unrollByKernel: [String: [String: Int]]
  public var loopOrder: LoopOrder
  /// External-memory channels of each DMA port.
  public var channels: Int
  /// Whether an edge that no `fuse` variable covers streams on chip under the explicit policy.
  public var fuse: Bool
  public var fusionPolicy: FusionPolicy
  /// On-chip memory budget of the greedy fusion policy, in bytes.
  public var fusionBudgetBytes: Int
  public var fifoEqualisation: FIFOEqualisation
  public var lutramMaxBits: Int
  public var uramMinBits: Int
  public var slrPlacement: SLRPlacement

  public init(
    tileByLoop: [String: Int] = [:], tileByKernel: [String: [String: Int]] = [:],
    unrollByLoop: [String: Int] = [:], unrollByKernel: [String: [String: Int]] = [:],
    loopOrder: LoopOrder = .natural, channels: Int = 1, fuse: Bool = true,
    fusionPolicy: FusionPolicy = .greedy, fusionBudgetBytes: Int = 0,
    fifoEqualisation: FIFOEqualisation = .normal,
    lutramMaxBits: Int = MemoryBinding().lutramMaxBits,
    uramMinBits: Int = MemoryBinding().uramMinBits, slrPlacement: SLRPlacement = .ilp
  ) {
    self.tileByLoop = tileByLoop
    self.tileByKernel = tileByKernel
    self.unrollByLoop = unrollByLoop
    self.unrollByKernel = unrollByKernel
    self.loopOrder = loopOrder
    self.channels = channels
    self.fuse = fuse
    self.fusionPolicy = fusionPolicy
    self.fusionBudgetBytes = fusionBudgetBytes
    self.fifoEqualisation = fifoEqualisation
    self.lutramMaxBits = lutramMaxBits
    self.uramMinBits = uramMinBits
    self.slrPlacement = slrPlacement
  }

  /// The default tile of a kernel's loop, or `nil` when the loop is not tiled.
  public func tile(kernel: String, loop: String) -> Int? {
    tileByKernel[kernel]?[loop] ?? tileByLoop[loop]
  }

  /// The default unroll factor of a kernel's loop.
  public func unroll(kernel: String, loop: String) -> Int {
    unrollByKernel[kernel]?[loop] ?? unrollByLoop[loop] ?? 1
  }

  /// The value a variable takes while it is inactive, for one of its targets.
  ///
  /// - Parameters:
  ///   - parameter: The variable's parameter.
  ///   - kernel: The target kernel, for per-kernel parameters.
  ///   - loop: The target loop, for tile and unroll.
  /// - Returns: The default, or `nil` for an untiled loop.
  public func value(
    of parameter: DesignParameter, kernel: String = "", loop: String = ""
  ) -> DesignValue? {
    switch parameter {
    case .tile: return tile(kernel: kernel, loop: loop).map(DesignValue.int)
    case .unroll: return .int(unroll(kernel: kernel, loop: loop))
    case .loopOrder: return .string(loopOrderName)
    case .channels: return .int(channels)
    case .fuse: return .bool(fuse)
    case .fifoEqualisation: return .string(fifoEqualisation.rawValue)
    case .fusionPolicy: return .string(fusionPolicy.rawValue)
    case .lutramMaxBits: return .int(lutramMaxBits)
    case .uramMinBits: return .int(uramMinBits)
    case .slrPlacement: return .string(slrPlacement.rawValue)
    }
  }

  /// The search-space name of the default loop order.
  public var loopOrderName: String {
    switch loopOrder {
    case .natural: return "natural"
    case .reductionOuter: return "reduction_outer"
    case .reductionInner: return "reduction_inner"
    case .permutation(let names): return names.joined(separator: ",")
    }
  }

  /// Converts a search-space loop-order name.
  public static func loopOrder(named name: String) -> LoopOrder? {
    switch name {
    case "natural": return .natural
    case "reduction_outer": return .reductionOuter
    case "reduction_inner": return .reductionInner
    default: return nil
    }
  }
}
