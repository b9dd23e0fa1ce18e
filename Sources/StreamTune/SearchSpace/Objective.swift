/// A quantity a design is judged by; the raw value is the CSV column name, with its unit.
public enum Metric: String, Sendable, Hashable, Codable, CaseIterable {
  /// Mean end-to-end latency of the workload's requests, in milliseconds.
  case latencyMs = "latency_ms"
  /// Mean time to first token, in milliseconds.
  case ttftMs = "ttft_ms"
  /// Mean time per generated token during decode, in milliseconds.
  case decodeMsPerToken = "decode_ms_per_token"
  /// Mean decode speed, in tokens per second.
  case decodeTokensPerS = "decode_tokens_per_s"
  /// Prompt tokens processed per second during prefill.
  case prefillTokensPerS = "prefill_tokens_per_s"
  /// Energy per generated token, in millijoules (an estimate).
  case energyMjPerToken = "energy_mj_per_token"
  /// Generated tokens per joule (an estimate).
  case tokensPerJ = "tokens_per_j"
  /// Mean power of the card, in watts (an estimate).
  case powerW = "power_w"
  /// DSP slices used.
  case dsp
  /// BRAM18K blocks used.
  case bram18k
  /// URAM blocks used.
  case uram
  /// LUTs used.
  case lut
  /// Flip-flops used.
  case ff
  /// The highest utilisation of any resource, as a fraction of the device.
  case maxUtilisation = "max_utilisation"
  /// On-chip memory of FIFOs and layout converters, in bits.
  case fifoBits = "fifo_bits"
  /// External-memory channels used.
  case channels
  /// Estimated latency over the roofline bound of the device (1 is the device's limit).
  case rooflineDistance = "roofline_distance"

  /// The metric names accepted in search-space files.
  public static let names = allCases.map(\.rawValue)

  /// The direction that makes the metric better.
  public var defaultDirection: ObjectiveDirection {
    switch self {
    case .decodeTokensPerS, .prefillTokensPerS, .tokensPerJ: return .maximize
    default: return .minimize
    }
  }
}

/// Whether an objective is to be made small or large.
public enum ObjectiveDirection: String, Sendable, Hashable, Codable, CaseIterable {
  case minimize
  case maximize
}

/// One objective of the search.
public struct Objective: Sendable, Hashable, Codable, CustomStringConvertible {
  public var metric: Metric
  public var direction: ObjectiveDirection

  public init(metric: Metric, direction: ObjectiveDirection? = nil) {
    self.metric = metric
    self.direction = direction ?? metric.defaultDirection
  }

  public var description: String { "\(direction.rawValue) \(metric.rawValue)" }
}
