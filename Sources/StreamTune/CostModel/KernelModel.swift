/// Latency, initial delay, initiation interval and resources of one kernel invocation.
///
/// Cycles are kernel-clock cycles. Every figure is an estimate from the loop nest and platform
/// data, not from HLS.
public struct KernelEstimate: Sendable, Hashable {
  public var name: String
  /// Lanes P: MACs or element operations per cycle.
  public var lanes: Int
  /// ceil(operations / P) × II_inner + pipeline depth.
  public var computeCycles: Double
  /// Cycles the DMA port needs for the kernel's external-memory bytes.
  public var memoryCycles: Double
  /// Bytes read from or written to external memory per invocation.
  public var externalBytes: Double
  /// Initiation interval of the innermost pipelined loop (1, or the adder latency when a
  /// floating-point accumulation depends on itself).
  public var innerII: Int
  /// L: max(compute, memory) + per-invocation overhead.
  public var latency: Double
  /// D: cycles until the first output token.
  public var initialDelay: Double
  /// II: average cycles per output token, L / T.
  public var ii: Double
  /// T: output tokens (elements of the output itensor).
  public var tokens: Int
  /// Bits of one output token.
  public var tokenBits: Int
  /// Output tokens emitted after the last input token arrives: the parallel tiles inside the
  /// outermost reduction tile loop, or 1 without one.
  public var drainTokens: Int
  public var dsp: Int
  /// Local buffers (weight, accumulator, KV and DMA burst buffers) after memory binding.
  public var memory: MemoryBlocks
  /// LUTs, LUTRAM included.
  public var lut: Int
  public var ff: Int
  /// External-memory channels of the kernel's DMA port (0 without a port).
  public var channels: Int

  /// The kernel's stream timing: L, D, II and T.
  public var streamTiming: StreamTiming {
    StreamTiming(latency: latency, initialDelay: initialDelay, ii: ii, tokens: tokens)
  }

  /// Cycles between output tokens after the first (`StreamTiming.spacing`).
  public var spacing: Double { streamTiming.spacing }

  /// Cycles from the last input token to the last output token (`StreamTiming.drainCycles`).
  public var drainCycles: Double { streamTiming.drainCycles(drainTokens: drainTokens) }
}

/// The analytic model of one kernel.
public enum KernelModel {
  /// DMA burst depth per channel, in port words: one 4 KB AXI burst of a 512-bit port.
  static let burstDepth = 64

  /// Estimates one invocation of `kernel`.
  ///
  /// - Parameters:
  ///   - kernel: the kernel, for the phase being estimated.
  ///   - nest: its loop nest under the design point.
  ///   - constants: platform and precision figures.
  ///   - binding: thresholds that bind buffers to LUTRAM, BRAM or URAM.
  ///   - externalBytes: bytes the kernel moves to or from external memory (weights, KV cache,
  ///     block inputs and outputs, and tensors of unfused edges).
  ///   - channels: channels of its DMA port; ignored when `externalBytes` is 0.
  /// - Returns: the estimate; L, D and II at least 1 cycle.
  /// - Complexity: O(loops + operands + aspect ratios).
  public static func estimate(
    kernel: Kernel, nest: LoopNest, constants: HardwareConstants, binding: MemoryBinding,
    externalBytes: Double, channels: Int
  ) -> KernelEstimate {
    let lanes = nest.lanes
    let hasReduction = nest.levels.contains { $0.kind == .reduction && $0.trip > 1 }
    let accumulatesFloat = kernel.isMultiplyAccumulate ? constants.accumulatorIsFloat : true
    let innerII = hasReduction && accumulatesFloat ? innerInterval(nest, constants) : 1
    let pipelineDepth =
      Double(constants.pipelineDepth + (accumulatesFloat ? constants.floatAddLatency : 0))
    let iterations = (max(0, kernel.operations) + lanes - 1) / lanes
    let compute = Double(iterations * innerII) + pipelineDepth

    let hasPort = externalBytes > 0
    let portChannels = hasPort ? max(1, channels) : 0
    let memoryCycles = hasPort ? externalBytes / constants.bytesPerCycle(channels: portChannels) : 0
    let latency = max(compute, memoryCycles) + constants.overheadCycles

    let output = Itensor(operand: kernel.output, nest: nest, isOutput: true)
    let tokens = max(1, output.tokenCount)
    let work = max(0, latency - pipelineDepth - constants.overheadCycles)
    let delay = min(
      latency, work * delayFraction(nest) + pipelineDepth + constants.overheadCycles)

    let dsp = dspCount(kernel: kernel, lanes: lanes, constants: constants)
    var memory = MemoryBlocks()
    for buffer in buffers(kernel: kernel, nest: nest, constants: constants) {
      memory += binding.blocks(for: buffer, platform: constants.platform)
    }
    if hasPort {
      let burst = OnChipBuffer(
        purpose: .dmaBurst, widthBits: constants.portBits, depth: burstDepth,
        partitions: portChannels)
      memory += binding.blocks(for: burst, platform: constants.platform)
    }
    let lut = Int(constants.lutPerKernel + constants.lutPerLane * Double(lanes)) + memory.lutramLUTs
    let ff = Int(constants.ffPerKernel + constants.ffPerLane * Double(lanes))

    return KernelEstimate(
      name: kernel.name, lanes: lanes, computeCycles: compute, memoryCycles: memoryCycles,
      externalBytes: externalBytes, innerII: innerII, latency: latency,
      initialDelay: max(1, delay), ii: latency / Double(tokens), tokens: tokens,
      tokenBits: output.tokenBits, drainTokens: drainTokens(nest), dsp: dsp, memory: memory,
      lut: lut, ff: ff,
      channels: portChannels)
  }

  /// II of the innermost pipelined loop when accumulating in floating point.
  ///
  /// Sequential loops run in order: the tile loops, then the point loops inside a tile (those
  /// with more than one sequential iteration). An accumulator is updated again after as many
  /// iterations as the parallel loops nested inside the innermost reduction loop have; that
  /// distance must cover the adder latency, otherwise II = ceil(latency / distance).
  static func innerInterval(_ nest: LoopNest, _ constants: HardwareConstants) -> Int {
    var sequence: [(kind: LoopKind, trip: Int)] = []
    for level in nest.levels where level.tileTrip > 1 {
      sequence.append((level.kind, level.tileTrip))
    }
    for level in nest.levels where level.pointTrip > 1 {
      sequence.append((level.kind, level.pointTrip))
    }
    guard let innermost = sequence.lastIndex(where: { $0.kind == .reduction }) else { return 1 }
    let distance = sequence[(innermost + 1)...].reduce(1) { $0 * $1.trip }
    let latency = constants.floatAddLatency
    return max(1, (latency + distance - 1) / distance)
  }

  /// Share of the kernel's work done before its first output token.
  ///
  /// With the outermost iterating reduction tile loop at position r, only the first iteration
  /// of the loops outside r counts, and within it all but the last reduction step, plus the
  /// share of the last step that belongs to output tile 0 (1 / Q of it, with Q the parallel
  /// tiles inside r). Without a reduction tile loop, the first tile completes the first token.
  static func delayFraction(_ nest: LoopNest) -> Double {
    let levels = nest.levels
    let total = levels.reduce(1.0) { $0 * Double($1.tileTrip) }
    guard
      let r = levels.firstIndex(where: { $0.kind == .reduction && $0.tileTrip > 1 })
    else { return 1 / total }

    let steps = Double(levels[r].tileTrip)
    var inner = 1.0
    var parallelInner = 1.0
    for level in levels[(r + 1)...] {
      inner *= Double(level.tileTrip)
      if level.kind == .parallel { parallelInner *= Double(level.tileTrip) }
    }
    let outer = total / (steps * inner)
    return ((steps - 1) * inner + inner / parallelInner) / (steps * inner * outer)
  }

  /// Parallel tile iterations inside the outermost reduction tile loop, or 1 without one.
  static func drainTokens(_ nest: LoopNest) -> Int {
    let levels = nest.levels
    guard let r = levels.firstIndex(where: { $0.kind == .reduction && $0.tileTrip > 1 }) else {
      return 1
    }
    return levels[(r + 1)...].filter { $0.kind == .parallel }.reduce(1) { $0 * $1.tileTrip }
  }

  /// DSP slices: MAC lanes divided by the packing of the precision pair; element-wise kernels
  /// that multiply (normalisation, softmax, activations, RoPE) take one DSP per lane, residual
  /// additions none (an estimate).
  static func dspCount(kernel: Kernel, lanes: Int, constants: HardwareConstants) -> Int {
    if kernel.isMultiplyAccumulate {
      let attention =
        kernel.operation == .attentionScore || kernel.operation == .attentionContext
      let packing = attention ? constants.activationMACsPerDSP : constants.weightMACsPerDSP
      return Int((Double(lanes) / packing).rounded(.up))
    }
    switch kernel.operation {
    case .residualAdd, .embedding: return 0
    default: return lanes
    }
  }

  /// Local buffers: double-buffered weight and KV tiles, and the accumulator, each partitioned
  /// by the lanes that read it in one cycle.
  static func buffers(
    kernel: Kernel, nest: LoopNest, constants: HardwareConstants
  ) -> [OnChipBuffer] {
    var result: [OnChipBuffer] = []
    for operand in kernel.inputs where operand.role != .activation {
      var elements = 1
      var banks = 1
      for (index, name) in operand.dimensions.enumerated() {
        guard let level = nest.level(named: name) else {
          elements *= operand.shape[index]
          continue
        }
        elements *= min(level.tile, operand.shape[index])
        banks *= level.unroll
      }
      let purpose: BufferPurpose = operand.role == .weight ? .weightTile : .kvTile
      result.append(
        OnChipBuffer(
          purpose: purpose, elements: 2 * elements, elementBits: operand.elementType.bits,
          partitions: banks))
    }

    let levels = nest.levels
    guard let r = levels.firstIndex(where: { $0.kind == .reduction && $0.trip > 1 }) else {
      return result
    }
    var elements = 1
    var banks = 1
    for (index, level) in levels.enumerated() where level.kind == .parallel {
      elements *= index < r ? level.tile : level.tile * level.tileTrip
      banks *= level.unroll
    }
    let bits = kernel.isMultiplyAccumulate ? constants.accumulatorBits : 32
    result.append(
      OnChipBuffer(purpose: .accumulator, elements: elements, elementBits: bits, partitions: banks))
    return result
  }
}
