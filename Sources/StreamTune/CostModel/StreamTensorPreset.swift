/// The design StreamTensor's own flow picks, as a baseline for searches.
///
/// Every loop gets the same tile size, and reduction loops go outermost inside each token tile.
/// Unroll factors are doubled one at a time on the kernel with the most compute cycles until
/// the lane budget is spent. Fusion is greedy with the device's whole on-chip memory as budget,
/// FIFOs are sized by the linear program at native rates, and external-memory channels are
/// spread evenly over the kernels that have a DMA port.
public enum StreamTensorPreset {
  /// The default tile size of every loop. StreamTensor does not publish its tiles. The two
  /// defaults are the grid point (tiles 16, 32 and 64; budgets in steps of 1,024 lanes) whose
  /// estimate before calibration comes closest to its published GPT-2 medium measurement on
  /// the U55C. A tile of 32 caps a GEMM at 32 × 32 lanes (the token loop is never unrolled),
  /// and no such design reaches the published prefill time; 64 lets a GEMM take 4,096 lanes.
  public static let defaultTile = 64

  /// The default overall unroll budget, in lanes over all kernels: about 3,300 DSP slices at
  /// W4A8 on GPT-2 medium, 40% of a U55C (see `defaultTile` for how it was chosen).
  public static let defaultUnrollBudget = 6144

  /// Builds the preset design point for `graph`.
  ///
  /// - Parameters:
  ///   - graph: the block for the phase the design is tuned on (usually the largest prefill).
  ///   - platform: the card.
  ///   - precision: the datapath precision.
  ///   - defaultTile: tile size of every loop (clamped to each loop's trip count).
  ///   - unrollBudget: maximum total lanes over all kernels.
  /// - Returns: the design point.
  /// - Complexity: O(doublings × kernels × loops); doublings are at most log2 of the budget
  ///   per kernel.
  public static func design(
    for graph: BlockGraph, platform: Platform, precision: Precision = .w4a8, defaultTile: Int,
    unrollBudget: Int
  ) -> DesignPoint {
    let constants = HardwareConstants(platform: platform, precision: precision)
    var designs = graph.kernels.map { kernel in
      KernelDesign(
        tile: Dictionary(uniqueKeysWithValues: kernel.loops.map { ($0.name, max(1, defaultTile)) }),
        unroll: [:], loopOrder: loopOrder(of: kernel), channels: 1)
    }

    // Kernels that only read the block input or write its output keep one channel; the rest
    // of the memory's channels are shared evenly by the kernels that read weights or KV cache.
    // Attention kernels count as KV readers even in a prefill graph, where keys arrive on
    // streams, because the same hardware reads the KV cache when decoding.
    let streamed = graph.kernels.indices.filter {
      let kernel = graph.kernels[$0]
      return kernel.weightBytes + kernel.kvCacheBytes > 0
        || kernel.operation == .attentionScore || kernel.operation == .attentionContext
    }
    let boundaryOnly = graph.kernels.indices.filter { kernel in
      !streamed.contains(kernel) && touchesExternalMemory(kernel, in: graph)
    }
    if !streamed.isEmpty {
      let share = max(1, (constants.channelCount - boundaryOnly.count) / streamed.count)
      for kernel in streamed { designs[kernel].channels = share }
    }

    func computeCycles(_ kernel: Int) -> Double {
      let nest = LoopNest(kernel: graph.kernels[kernel], design: designs[kernel])
      return KernelModel.estimate(
        kernel: graph.kernels[kernel], nest: nest, constants: constants,
        binding: MemoryBinding(), externalBytes: 0, channels: 0
      ).computeCycles
    }

    var lanes = graph.kernels.count
    var saturated = Set<Int>()
    while saturated.count < graph.kernels.count {
      let candidates = graph.kernels.indices.filter { !saturated.contains($0) }
      guard let slowest = candidates.max(by: { computeCycles($0) < computeCycles($1) }) else {
        break
      }
      // The token loop `m` is left rolled: it has one iteration when decoding, so lanes spent
      // on it would idle for every generated token. Of the other loops, the one with the most
      // iterations inside its tile is unrolled, the innermost among equals.
      let nest = LoopNest(kernel: graph.kernels[slowest], design: designs[slowest])
      var chosen: LoopNest.Level?
      for level in nest.levels where level.pointTrip > 1 && level.name != tokenLoop {
        if chosen == nil || level.pointTrip >= chosen!.pointTrip { chosen = level }
      }
      guard let level = chosen else {
        saturated.insert(slowest)
        continue
      }
      // A doubling that would overspend the budget retires the kernel; smaller kernels may
      // still take the lanes that are left.
      let added = nest.lanes
      if lanes + added > unrollBudget {
        saturated.insert(slowest)
        continue
      }
      designs[slowest].unroll[level.name] = min(level.tile, level.unroll * 2)
      lanes += LoopNest(kernel: graph.kernels[slowest], design: designs[slowest]).lanes - added
    }

    let total = platform.totalResources
    let onChipBytes = (total.bram18k * 18 * 1024 + total.uram * 288 * 1024) / 8
    var kernels: [String: KernelDesign] = [:]
    for (index, kernel) in graph.kernels.enumerated() { kernels[kernel.name] = designs[index] }
    return DesignPoint(
      kernels: kernels, fusion: .greedy(budgetBytes: onChipBytes), fifoEqualisation: .normal,
      memoryBinding: MemoryBinding(), slrPlacement: .ilp)
  }

  /// The loop over tokens in every kernel of a block graph; it has one iteration in decode.
  static let tokenLoop = "m"

  /// Returns the loop order with reduction loops outermost inside each tile of tokens.
  ///
  /// The token loop stays outermost, so a prompt streams through the block one token tile at
  /// a time. A GEMM's accumulator then stores one token tile of outputs, not the whole prompt's.
  ///
  /// - Parameter kernel: the kernel.
  /// - Returns: the token loop, then the reduction loops, then the other loops in their order.
  /// - Complexity: O(loops).
  static func loopOrder(of kernel: Kernel) -> LoopOrder {
    let reductions = kernel.loops.filter { $0.kind == .reduction }.map(\.name)
    guard kernel.loops.contains(where: { $0.name == tokenLoop }) else { return .reductionOuter }
    return .permutation([tokenLoop] + reductions)
  }

  /// Whether a kernel reads a block input that no edge carries or writes an output that feeds
  /// no edge, so that it needs a DMA port even when every edge is fused.
  static func touchesExternalMemory(_ kernel: Int, in graph: BlockGraph) -> Bool {
    let incoming = graph.edges.filter { $0.consumer == kernel }.map(\.tensor)
    let readsInput = graph.kernels[kernel].inputs.contains {
      $0.role == .activation && !incoming.contains($0.name)
    }
    let feedsNothing = !graph.edges.contains { $0.producer == kernel }
    return readsInput || feedsNothing
  }
}
