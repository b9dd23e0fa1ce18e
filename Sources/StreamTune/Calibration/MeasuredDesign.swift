/// One measured design: how it was built, the request it ran and what was measured.
public struct MeasuredDesign: Sendable, Hashable {
  /// How the measured design maps to a design point of the search space.
  public enum Configuration: Sendable, Hashable {
    /// `StreamTensorPreset.design` with these knobs.
    case streamTensorPreset(defaultTile: Int, unrollBudget: Int)
    /// Values of search-space variables by name; variables not listed take their first value.
    case variables([String: DesignValue])
  }

  /// Name shown in reports; `designs[i]` when the file gives none.
  public var name: String
  public var configuration: Configuration
  public var request: Request
  /// Measured time to first token, in milliseconds.
  public var ttftMs: Double?
  /// Measured decode speed, in tokens per second.
  public var decodeTokensPerS: Double?
  /// Measured total latency of the request, in milliseconds.
  public var latencyMs: Double?
  /// Where the measurement comes from.
  public var source: String?

  public init(
    name: String, configuration: Configuration, request: Request, ttftMs: Double? = nil,
    decodeTokensPerS: Double? = nil, latencyMs: Double? = nil, source: String? = nil
  ) {
    self.name = name
    self.configuration = configuration
    self.request = request
    self.ttftMs = ttftMs
    self.decodeTokensPerS = decodeTokensPerS
    self.latencyMs = latencyMs
    self.source = source
  }

  /// The measured figures that are present, as (metric, value) pairs.
  public var targets: [(metric: CalibrationMetric, value: Double)] {
    var result: [(CalibrationMetric, Double)] = []
    if let ttftMs { result.append((.ttftMs, ttftMs)) }
    if let decodeTokensPerS { result.append((.decodeTokensPerS, decodeTokensPerS)) }
    if let latencyMs { result.append((.latencyMs, latencyMs)) }
    return result
  }
}

/// A request-level figure that calibration compares with a measurement.
public enum CalibrationMetric: String, Sendable, Hashable, CaseIterable, Codable {
  case ttftMs = "ttft_ms"
  case decodeTokensPerS = "decode_tokens_per_s"
  case latencyMs = "latency_ms"

  /// The figure in a request's metrics.
  public func value(in metrics: RequestMetrics) -> Double {
    switch self {
    case .ttftMs: return metrics.ttftMs
    case .decodeTokensPerS: return metrics.decodeTokensPerS
    case .latencyMs: return metrics.latencyMs
    }
  }
}

/// The contents of a measurement file.
public struct MeasurementSet: Sendable, Hashable {
  public var designs: [MeasuredDesign]
  /// Kernel clock the measurements were taken at, in MHz, when the file states it; it
  /// replaces the search space's clock during the fit.
  public var clockMHz: Double?
  public var description: String?

  public init(designs: [MeasuredDesign], clockMHz: Double? = nil, description: String? = nil) {
    self.designs = designs
    self.clockMHz = clockMHz
    self.description = description
  }
}
