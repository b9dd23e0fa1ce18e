/// Resources of one super logic region (SLR, a die of a stacked-silicon FPGA) available to
/// kernels.
public struct SLRResources: Sendable, Hashable, Codable {
  public var lut: Int
  public var ff: Int
  public var dsp: Int
  public var bram18k: Int
  public var uram: Int

  public init(lut: Int, ff: Int, dsp: Int, bram18k: Int, uram: Int) {
    self.lut = lut
    self.ff = ff
    self.dsp = dsp
    self.bram18k = bram18k
    self.uram = uram
  }
}

/// An external memory system of the card: HBM pseudo-channels or DDR channels.
public struct ExternalMemory: Sendable, Hashable, Codable {
  public enum Kind: String, Sendable, Hashable, Codable {
    case hbm
    case ddr
  }

  public var kind: Kind
  /// Independent channels (HBM pseudo-channels or DDR channels).
  public var channels: Int
  /// Theoretical peak bandwidth of one channel, in bytes per second.
  public var bytesPerSecondPerChannel: Double
  /// Capacity of one channel, in bytes.
  public var bytesPerChannel: Double
  /// SLR index that each channel attaches to (one entry per channel).
  public var channelSLR: [Int]
  /// Widest kernel port to this memory, in bits.
  public var maxPortBits: Int
  /// Energy of moving one byte to or from this memory, in picojoules (an estimate).
  public var picojoulesPerByte: Double

  public init(
    kind: Kind, channels: Int, bytesPerSecondPerChannel: Double, bytesPerChannel: Double,
    channelSLR: [Int], maxPortBits: Int, picojoulesPerByte: Double
  ) {
    self.kind = kind
    self.channels = channels
    self.bytesPerSecondPerChannel = bytesPerSecondPerChannel
    self.bytesPerChannel = bytesPerChannel
    self.channelSLR = channelSLR
    self.maxPortBits = maxPortBits
    self.picojoulesPerByte = picojoulesPerByte
  }
}

/// One way to configure a memory primitive: `depth` words of `width` bits.
public struct AspectRatio: Sendable, Hashable, Codable {
  public var width: Int
  public var depth: Int

  public init(width: Int, depth: Int) {
    self.width = width
    self.depth = depth
  }
}

/// Multiply-accumulates one DSP slice performs per cycle for a weight and activation precision.
public struct DSPPacking: Sendable, Hashable, Codable {
  public var weightBits: Int
  public var activationBits: Int
  /// Whether the operands are floating point (then `macsPerDSP` is below 1).
  public var floatingPoint: Bool
  /// MACs per DSP per cycle; above 1 for packed narrow integers.
  public var macsPerDSP: Double

  public init(weightBits: Int, activationBits: Int, floatingPoint: Bool, macsPerDSP: Double) {
    self.weightBits = weightBits
    self.activationBits = activationBits
    self.floatingPoint = floatingPoint
    self.macsPerDSP = macsPerDSP
  }
}

/// Dynamic and static power coefficients; every value is an estimate.
public struct PowerModel: Sendable, Hashable, Codable {
  /// Power drawn by the card with the design loaded and idle, in watts.
  public var staticWatts: Double
  /// Dynamic power at full toggle of every resource of the device at the nominal clock, in
  /// watts, split by resource: scaled by utilisation and by clock / nominal clock.
  public var dspWatts: Double
  public var bramWatts: Double
  public var uramWatts: Double
  public var lutWatts: Double
  /// Board power limit, in watts.
  public var tdpWatts: Double

  public init(
    staticWatts: Double, dspWatts: Double, bramWatts: Double, uramWatts: Double,
    lutWatts: Double, tdpWatts: Double
  ) {
    self.staticWatts = staticWatts
    self.dspWatts = dspWatts
    self.bramWatts = bramWatts
    self.uramWatts = uramWatts
    self.lutWatts = lutWatts
    self.tdpWatts = tdpWatts
  }
}

/// Empirical efficiency constants; the defaults are estimates and `calibrate` refits them.
public struct Efficiency: Sendable, Hashable, Codable {
  /// Fraction of a channel's theoretical bandwidth a DMA engine achieves (0 to 1].
  public var dmaEfficiency: Double
  /// Extra cycles each kernel invocation spends outside its pipelined loops (start-up, drain,
  /// control handshakes).
  public var kernelOverheadCycles: Double
  /// Fixed time per transformer-block invocation spent on host control and region switches,
  /// in microseconds.
  public var blockOverheadMicroseconds: Double

  public init(
    dmaEfficiency: Double, kernelOverheadCycles: Double, blockOverheadMicroseconds: Double
  ) {
    self.dmaEfficiency = dmaEfficiency
    self.kernelOverheadCycles = kernelOverheadCycles
    self.blockOverheadMicroseconds = blockOverheadMicroseconds
  }
}

/// An FPGA card as the cost model sees it.
public struct Platform: Sendable, Hashable, Codable {
  /// Short name, such as `u55c`.
  public var name: String
  /// Device part number.
  public var part: String
  /// Vitis shell the resource figures belong to.
  public var shell: String
  /// Kernel clock, in MHz.
  public var clockMHz: Double
  /// Resources per SLR available to kernels, SLR0 first.
  public var slrs: [SLRResources]
  /// External memories; an HBM card lists one entry, the U280 lists HBM and DDR.
  public var memories: [ExternalMemory]
  /// Super long lines (SLLs) usable per SLR boundary.
  public var sllsPerBoundary: Int
  /// Pipeline registers a stream gains when it crosses an SLR boundary, in cycles.
  public var slrCrossingCycles: Int
  /// BRAM18K configurations (the simple-dual-port 512 x 36 included).
  public var bram18kAspects: [AspectRatio]
  /// URAM288 configurations (4096 x 72 only on UltraScale+).
  public var uramAspects: [AspectRatio]
  /// LUTRAM bits per LUT.
  public var lutramBitsPerLUT: Int
  public var dspPacking: [DSPPacking]
  /// Latency of a floating-point adder, in cycles (limits accumulation II).
  public var floatAddLatency: Int
  /// Pipeline depth of a multiply-accumulate datapath, in cycles.
  public var macPipelineDepth: Int
  /// LUTs and FFs per lane and per kernel, estimates from HLS reports.
  public var lutPerLane: Double
  public var ffPerLane: Double
  public var lutPerKernel: Double
  public var ffPerKernel: Double
  public var power: PowerModel
  public var efficiency: Efficiency
  /// Resources of the whole device before the shell takes its share, or `nil` when unknown; the
  /// per-SLR figures in `slrs` are what kernels may use.
  public var device: SLRResources? = nil
  /// Source and status of every number read from a platform file, keyed by JSON path such as
  /// `slrs[1].dsp`. Platforms built in code have none.
  public var provenance: [String: Provenance] = [:]

  public init(
    name: String, part: String, shell: String, clockMHz: Double, slrs: [SLRResources],
    memories: [ExternalMemory], sllsPerBoundary: Int, slrCrossingCycles: Int,
    bram18kAspects: [AspectRatio], uramAspects: [AspectRatio], lutramBitsPerLUT: Int,
    dspPacking: [DSPPacking], floatAddLatency: Int, macPipelineDepth: Int, lutPerLane: Double,
    ffPerLane: Double, lutPerKernel: Double, ffPerKernel: Double, power: PowerModel,
    efficiency: Efficiency, device: SLRResources? = nil, provenance: [String: Provenance] = [:]
  ) {
    self.name = name
    self.part = part
    self.shell = shell
    self.clockMHz = clockMHz
    self.slrs = slrs
    self.memories = memories
    self.sllsPerBoundary = sllsPerBoundary
    self.slrCrossingCycles = slrCrossingCycles
    self.bram18kAspects = bram18kAspects
    self.uramAspects = uramAspects
    self.lutramBitsPerLUT = lutramBitsPerLUT
    self.dspPacking = dspPacking
    self.floatAddLatency = floatAddLatency
    self.macPipelineDepth = macPipelineDepth
    self.lutPerLane = lutPerLane
    self.ffPerLane = ffPerLane
    self.lutPerKernel = lutPerKernel
    self.ffPerKernel = ffPerKernel
    self.power = power
    self.efficiency = efficiency
    self.device = device
    self.provenance = provenance
  }

  /// Sum of the resources of every SLR.
  public var totalResources: SLRResources {
    slrs.reduce(SLRResources(lut: 0, ff: 0, dsp: 0, bram18k: 0, uram: 0)) {
      SLRResources(
        lut: $0.lut + $1.lut, ff: $0.ff + $1.ff, dsp: $0.dsp + $1.dsp,
        bram18k: $0.bram18k + $1.bram18k, uram: $0.uram + $1.uram)
    }
  }
}
