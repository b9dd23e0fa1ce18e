/// A platform efficiency constant that calibration can fit.
public enum EfficiencyConstant: String, Sendable, Hashable, CaseIterable, Codable {
  /// Achieved share of a channel's theoretical bandwidth, (0, 1].
  case dmaEfficiency = "dma_efficiency"
  /// Cycles per kernel invocation outside the pipelined loops, ≥ 0.
  case kernelOverheadCycles = "kernel_overhead_cycles"
  /// Host and region-switch time per block invocation, in microseconds, ≥ 0.
  case blockOverheadMicroseconds = "block_overhead_microseconds"

  /// Search range of the fit.
  var bounds: ClosedRange<Double> {
    switch self {
    case .dmaEfficiency: return 0.02...1
    case .kernelOverheadCycles: return 0...1e6
    case .blockOverheadMicroseconds: return 0...1e5
    }
  }

  /// Range an FPGA architect would accept without a second look.
  public var plausibleRange: ClosedRange<Double> {
    switch self {
    // Long sequential bursts on HBM pseudo-channels or DDR4 reach about 60% to 95% of peak.
    case .dmaEfficiency: return 0.6...0.95
    // Control handshakes, pipeline fill and drain and the first burst's latency: tens to
    // hundreds of cycles.
    case .kernelOverheadCycles: return 10...1_000
    // An XRT kernel start and completion costs microseconds to a few tens of microseconds.
    case .blockOverheadMicroseconds: return 0.5...30
    }
  }

  /// The constant's value in `efficiency`.
  public func value(in efficiency: Efficiency) -> Double {
    switch self {
    case .dmaEfficiency: return efficiency.dmaEfficiency
    case .kernelOverheadCycles: return efficiency.kernelOverheadCycles
    case .blockOverheadMicroseconds: return efficiency.blockOverheadMicroseconds
    }
  }

  /// Sets the constant in `efficiency`.
  public func set(_ value: Double, in efficiency: inout Efficiency) {
    switch self {
    case .dmaEfficiency: efficiency.dmaEfficiency = value
    case .kernelOverheadCycles: efficiency.kernelOverheadCycles = value
    case .blockOverheadMicroseconds: efficiency.blockOverheadMicroseconds = value
    }
  }

  /// Maps a value to [0, 1]: linearly for the DMA efficiency, logarithmically (of 1 + value)
  /// for the overheads, which span orders of magnitude.
  func normalized(_ value: Double) -> Double {
    let clamped = min(max(value, bounds.lowerBound), bounds.upperBound)
    switch self {
    case .dmaEfficiency:
      return (clamped - bounds.lowerBound) / (bounds.upperBound - bounds.lowerBound)
    case .kernelOverheadCycles, .blockOverheadMicroseconds:
      return log10(1 + clamped) / log10(1 + bounds.upperBound)
    }
  }

  /// The inverse of `normalized`.
  func value(normalized x: Double) -> Double {
    let unit = min(max(x, 0), 1)
    switch self {
    case .dmaEfficiency:
      return bounds.lowerBound + unit * (bounds.upperBound - bounds.lowerBound)
    case .kernelOverheadCycles, .blockOverheadMicroseconds:
      return pow(10, unit * log10(1 + bounds.upperBound)) - 1
    }
  }

  /// Why a fitted value is or is not physically plausible.
  public func judgement(of value: Double) -> String {
    let range = plausibleRange
    let text = CalibrationResult.format(value)
    switch self {
    case .dmaEfficiency:
      if value < range.lowerBound {
        return "implausible: \(text) of peak bandwidth is below what long DMA bursts reach "
          + "(0.6 to 0.95); the model likely misses time that is not memory traffic"
      }
      if value > range.upperBound {
        return "implausible: \(text) is above what HBM or DDR reaches in practice (0.95)"
      }
      return "plausible for HBM or DDR bursts (0.6 to 0.95)"
    case .kernelOverheadCycles:
      if value < range.lowerBound {
        return "low: \(text) cycles is less than a start and done handshake (tens of cycles)"
      }
      if value > range.upperBound {
        return "implausible: \(text) cycles per kernel invocation exceeds the hundreds of "
          + "cycles of control, fill and first-burst latency; the model likely misses stalls"
      }
      return "plausible: tens to hundreds of cycles per invocation"
    case .blockOverheadMicroseconds:
      if value < range.lowerBound {
        return "low: \(text) µs is below a host-side kernel launch (microseconds)"
      }
      if value > range.upperBound {
        return "implausible: \(text) µs per block is more than a kernel launch and region "
          + "switch (a few to a few tens of µs); the model likely misses work per block"
      }
      return "plausible: a few µs of launch and region switching per block"
    }
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
