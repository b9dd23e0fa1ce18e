/// The order of a kernel's loops.
public enum LoopOrder: Sendable, Hashable, Codable {
  /// The order the block graph lists.
  case natural
  /// Reduction loops moved outermost (small accumulators, initial delay close to L).
  case reductionOuter
  /// Reduction loops moved innermost (small initial delay; a floating-point accumulator then
  /// limits the initiation interval).
  case reductionInner
  /// An explicit permutation of loop names, outermost first.
  case permutation([String])

  /// The names accepted in search-space files.
  public static let names = ["natural", "reduction_outer", "reduction_inner"]
}

/// Choices for one kernel.
public struct KernelDesign: Sendable, Hashable, Codable {
  /// Tile size per loop name; a loop not listed is not tiled (tile = trip count). A tile larger
  /// than the loop's trip count in some phase is clamped to it.
  public var tile: [String: Int]
  /// Unroll (lane) factor per loop name; a loop not listed is not unrolled.
  public var unroll: [String: Int]
  public var loopOrder: LoopOrder
  /// External-memory channels (HBM pseudo-channels or DDR channels) of this kernel's DMA port.
  public var channels: Int

  public init(
    tile: [String: Int] = [:], unroll: [String: Int] = [:], loopOrder: LoopOrder = .natural,
    channels: Int = 1
  ) {
    self.tile = tile
    self.unroll = unroll
    self.loopOrder = loopOrder
    self.channels = channels
  }
}

/// How kernels are grouped into dataflow regions.
public enum FusionPlan: Sendable, Hashable, Codable {
  /// Every edge streams on chip: the whole block is one region.
  case all
  /// StreamTensor's greedy policy: in topological order, join each kernel to the region of
  /// its most recent predecessor until the region's on-chip memory would exceed the budget.
  case greedy(budgetBytes: Int)
  /// The listed edges (producer name, consumer name) go through external memory, every other
  /// edge streams on chip.
  case unfused(Set<EdgeName>)
}

/// An edge identified by the names of its kernels.
public struct EdgeName: Sendable, Hashable, Codable, CustomStringConvertible {
  public var producer: String
  public var consumer: String

  public init(_ producer: String, _ consumer: String) {
    self.producer = producer
    self.consumer = consumer
  }

  public var description: String { "\(producer)->\(consumer)" }
}

/// How FIFOs are sized inside a region.
public enum FIFOEqualisation: String, Sendable, Hashable, Codable, CaseIterable {
  /// Every kernel runs at its native initiation interval.
  case normal
  /// Every kernel in a region is slowed to the slowest one's rate: smaller FIFOs, possibly
  /// longer latency.
  case conservative
}

/// Size thresholds that bind each buffer to LUTRAM, BRAM or URAM.
public struct MemoryBinding: Sendable, Hashable, Codable {
  /// Buffers of at most this many bits go to LUTRAM.
  public var lutramMaxBits: Int
  /// Buffers of at least this many bits go to URAM; between the two thresholds, BRAM.
  public var uramMinBits: Int

  public init(lutramMaxBits: Int = 1024, uramMinBits: Int = 147_456) {
    self.lutramMaxBits = lutramMaxBits
    self.uramMinBits = uramMinBits
  }
}

/// How kernels are placed on SLRs.
public enum SLRPlacement: String, Sendable, Hashable, Codable, CaseIterable {
  /// Integer program solved with CBC, falling back to greedy (and saying so) on failure.
  case ilp
  /// Greedy first-fit in topological order.
  case greedy
}

/// Every decision of one accelerator design for one block.
public struct DesignPoint: Sendable, Hashable, Codable {
  /// Choices per kernel name; a kernel not listed uses `KernelDesign()`.
  public var kernels: [String: KernelDesign]
  public var fusion: FusionPlan
  public var fifoEqualisation: FIFOEqualisation
  public var memoryBinding: MemoryBinding
  public var slrPlacement: SLRPlacement

  public init(
    kernels: [String: KernelDesign] = [:], fusion: FusionPlan = .all,
    fifoEqualisation: FIFOEqualisation = .normal, memoryBinding: MemoryBinding = MemoryBinding(),
    slrPlacement: SLRPlacement = .ilp
  ) {
    self.kernels = kernels
    self.fusion = fusion
    self.fifoEqualisation = fifoEqualisation
    self.memoryBinding = memoryBinding
    self.slrPlacement = slrPlacement
  }

  /// The choices for a kernel, or the defaults.
  public func design(of kernel: String) -> KernelDesign {
    kernels[kernel] ?? KernelDesign()
  }
}
