/// One kernel's figures in a design's breakdown (at the largest prefill of the workload).
public struct KernelBreakdown: Sendable, Hashable, Codable {
  public var name: String
  public var region: Int
  public var slr: Int
  public var lanes: Int
  /// L, D and II at the largest prompt of the workload, in cycles.
  public var latencyCycles: Double
  public var initialDelayCycles: Double
  public var iiCycles: Double
  public var computeCycles: Double
  public var memoryCycles: Double
  public var channels: Int
  /// Resources over every phase (the hardware is sized for the largest).
  public var dsp: Int
  public var bram18k: Int
  public var uram: Int
  public var lut: Int
  public var ff: Int
}

/// One edge's figures in a design's breakdown.
public struct EdgeBreakdown: Sendable, Hashable, Codable {
  public var producer: String
  public var consumer: String
  public var tensor: String
  public var fused: Bool
  /// FIFO depth in tokens (0 for an unfused edge).
  public var fifoDepth: Int
  public var tokenBits: Int
  /// Layout converter buffer, ping-pong halves included (0 when the layouts are compatible).
  public var converterBits: Int
}

/// One request's figures.
public struct RequestMetrics: Sendable, Hashable, Codable {
  public var request: Request
  public var ttftMs: Double
  public var decodeMs: Double
  public var latencyMs: Double
  public var decodeTokensPerS: Double
  public var energyMJ: Double
}

/// Everything the cost model reports about one design point.
///
/// Workload-level figures: `latencyMs` and `ttftMs` are means over the requests;
/// `decodeTokensPerS` is the workload's output tokens over its total decode time (a
/// token-weighted mean, the objective searches maximise); energy figures are totals over the
/// workload divided by its output tokens.
public struct Metrics: Sendable, Hashable, Codable {
  public var latencyMs: Double
  public var ttftMs: Double
  public var decodeTokensPerS: Double
  public var energyMJPerToken: Double
  public var tokensPerJoule: Double
  public var powerW: Double
  public var dsp: Int
  public var bram18k: Int
  public var uram: Int
  public var lut: Int
  public var ff: Int
  /// Channels of all DMA ports together.
  public var channels: Int
  /// Used share of the device per resource (`dsp`, `bram18k`, `uram`, `lut`, `ff`), 0 to 1+.
  public var utilisation: [String: Double]
  public var requests: [RequestMetrics]
  public var kernels: [KernelBreakdown]
  public var edges: [EdgeBreakdown]
  /// Cycles of each region of the block at the largest prompt of the workload.
  public var regionLatencyCycles: [Double]
  /// Mean over requests of the roofline latency: per block, the larger of weight, KV and
  /// activation bytes over the peak bandwidth and MACs over the device's peak MAC rate.
  public var rooflineLatencyMs: Double
  /// Design latency over roofline latency (1 is the device's limit).
  public var rooflineDistance: Double
  public var feasible: Bool
  public var reasons: [String]
  /// Whether the SLR placement fell back to the greedy heuristic after the integer program
  /// failed.
  public var slrFallback: Bool
}
