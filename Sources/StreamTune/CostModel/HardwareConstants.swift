/// The platform and precision figures the kernel model reads, derived once per cost model.
public struct HardwareConstants: Sendable, Hashable {
  /// The platform the constants come from (memory aspect ratios, power, SLRs).
  public var platform: Platform
  /// Kernel clock, in hertz.
  public var clockHz: Double
  /// Bytes one external-memory channel delivers per kernel cycle to one port, after the DMA
  /// efficiency: min(channel bandwidth / clock, port width / 8) × efficiency.
  public var bytesPerChannelCycle: Double
  /// Width of a DMA port, in bits (at most 512).
  public var portBits: Int
  /// Channels of the external memory the kernels use.
  public var channelCount: Int
  /// Energy per byte moved to or from that memory, in picojoules (an estimate).
  public var picojoulesPerByte: Double
  /// SLR the memory's first channel attaches to.
  public var memorySLR: Int
  public var overheadCycles: Double
  public var floatAddLatency: Int
  public var pipelineDepth: Int
  /// MACs per DSP for weight × activation products (projections).
  public var weightMACsPerDSP: Double
  /// MACs per DSP for activation × activation products (attention).
  public var activationMACsPerDSP: Double
  /// Bits of the accumulator of multiply-accumulate kernels.
  public var accumulatorBits: Int
  public var accumulatorIsFloat: Bool
  public var lutPerLane: Double
  public var ffPerLane: Double
  public var lutPerKernel: Double
  public var ffPerKernel: Double

  /// Derives the constants from `platform` and `precision`.
  ///
  /// The memory is the first HBM entry of the platform, or its first memory when it has no
  /// HBM; a platform without external memory gets one slow placeholder channel so that the
  /// estimate stays finite (feasibility then reports the missing channels).
  public init(platform: Platform, precision: Precision) {
    self.platform = platform
    clockHz = max(1, platform.clockMHz) * 1e6
    let memory = platform.memories.first { $0.kind == .hbm } ?? platform.memories.first
    portBits = min(512, max(8, memory?.maxPortBits ?? 512))
    let channelBytes = (memory?.bytesPerSecondPerChannel ?? 1e9) / clockHz
    let efficiency = min(1, max(0.01, platform.efficiency.dmaEfficiency))
    bytesPerChannelCycle = min(channelBytes, Double(portBits) / 8) * efficiency
    channelCount = memory?.channels ?? 0
    picojoulesPerByte = memory?.picojoulesPerByte ?? 0
    memorySLR = memory?.channelSLR.first ?? 0
    overheadCycles = max(0, platform.efficiency.kernelOverheadCycles)
    floatAddLatency = max(1, platform.floatAddLatency)
    pipelineDepth = max(1, platform.macPipelineDepth)
    weightMACsPerDSP = Self.macsPerDSP(
      platform.dspPacking, weightBits: precision.weightBits,
      activationBits: precision.activationBits, floatingPoint: precision.floatingPoint)
    activationMACsPerDSP = Self.macsPerDSP(
      platform.dspPacking, weightBits: precision.activationBits,
      activationBits: precision.activationBits, floatingPoint: precision.floatingPoint)
    accumulatorBits = precision.accumulatorType.bits
    accumulatorIsFloat = precision.accumulatorType.isFloatingPoint
    lutPerLane = platform.lutPerLane
    ffPerLane = platform.ffPerLane
    lutPerKernel = platform.lutPerKernel
    ffPerKernel = platform.ffPerKernel
  }

  /// MACs per DSP for a precision pair: the exact packing entry, else the entry of the same
  /// arithmetic with the narrowest operands at least as wide, else one MAC per DSP (integer) or
  /// one per four DSPs (floating point), both conservative estimates.
  static func macsPerDSP(
    _ table: [DSPPacking], weightBits: Int, activationBits: Int, floatingPoint: Bool
  ) -> Double {
    let sameKind = table.filter { $0.floatingPoint == floatingPoint && $0.macsPerDSP > 0 }
    if let exact = sameKind.first(where: {
      $0.weightBits == weightBits && $0.activationBits == activationBits
    }) {
      return exact.macsPerDSP
    }
    let wider =
      sameKind
      .filter { $0.weightBits >= weightBits && $0.activationBits >= activationBits }
      .min { $0.weightBits + $0.activationBits < $1.weightBits + $1.activationBits }
    return wider?.macsPerDSP ?? (floatingPoint ? 0.25 : 1)
  }

  /// Bytes per cycle of a DMA port with `channels` channels.
  public func bytesPerCycle(channels: Int) -> Double {
    Double(max(1, channels)) * bytesPerChannelCycle
  }
}
