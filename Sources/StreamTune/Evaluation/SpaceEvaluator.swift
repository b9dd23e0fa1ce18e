/// One evaluated design: the cost model's metrics plus the search space's constraints.
public struct SpaceEvaluation: Sendable {
  public var metrics: Metrics
  /// Whether the design satisfies the device limits and every constraint of the search space.
  public var feasible: Bool
  /// Sum over violated limits of the relative excess (0.1 for 10 % over a cap); 0 when
  /// feasible. Constraint-handling strategies rank infeasible designs by it.
  public var violation: Double
  /// One readable reason per violated limit.
  public var reasons: [String]
}

/// Evaluates the designs of a search space with the cost model, checking the space's own
/// constraints (absolute resource caps, utilisation ceilings, minimum decode speed, maximum
/// latency, TTFT and power) on top of the device limits.
public struct SpaceEvaluator: Sendable {
  public let space: SearchSpace
  public let model: CostModel

  /// Builds the cost model for a search space: its model, precision, workload and platform,
  /// with the space's utilisation ceilings.
  public init(space: SearchSpace) {
    self.space = space
    var ceilings: [String: Double] = [:]
    for resource in SearchConstraints.resourceNames {
      ceilings[resource] = space.constraints.ceiling(for: resource)
    }
    let constraints = CostModelConstraints(
      utilisationCeiling: space.constraints.defaultUtilisationCeiling,
      ceilingByResource: ceilings)
    model = CostModel(
      config: space.model, precision: space.precision, workload: space.workload,
      platform: space.platform, constraints: constraints)
  }

  /// Evaluates the design an assignment of the space's variables describes.
  ///
  /// - Parameter assignment: One value index per design variable.
  /// - Complexity: One cost-model evaluation.
  public func evaluate(assignment: [Int]) -> SpaceEvaluation {
    evaluate(point: space.design.designPoint(for: assignment))
  }

  /// Evaluates any design point, such as a preset's.
  public func evaluate(point: DesignPoint) -> SpaceEvaluation {
    let metrics = model.evaluate(point)
    var reasons = metrics.reasons
    var violation = 0.0

    let device = space.platform.totalResources
    let used = [metrics.dsp, metrics.bram18k, metrics.uram, metrics.lut, metrics.ff]
    let available = [device.dsp, device.bram18k, device.uram, device.lut, device.ff]
    let caps = space.constraints
    let absolute = [caps.maxDSP, caps.maxBRAM18K, caps.maxURAM, caps.maxLUT, caps.maxFF]
    for (index, name) in SearchConstraints.resourceNames.enumerated() {
      let ceilingLimit = Double(available[index]) * caps.ceiling(for: name)
      violation += Self.excess(Double(used[index]), over: ceilingLimit)
      if let cap = absolute[index], used[index] > cap {
        reasons.append("\(name) \(used[index]) > \(cap) (max_\(name) of the search space)")
        violation += Self.excess(Double(used[index]), over: Double(cap))
      }
    }
    if !metrics.reasons.isEmpty, violation == 0 {
      // Device limits that are not resource totals (channels, SLR capacity, power).
      violation = 0.01 * Double(metrics.reasons.count)
    }
    if let minimum = caps.minDecodeTokensPerS, metrics.decodeTokensPerS < minimum {
      reasons.append(
        "decode_tokens_per_s \(Self.text(metrics.decodeTokensPerS)) < \(Self.text(minimum)) (min_decode_tokens_per_s)"
      )
      violation += (minimum - metrics.decodeTokensPerS) / minimum
    }
    let upperLimits: [(String, Double, Double?)] = [
      ("latency_ms", metrics.latencyMs, caps.maxLatencyMs),
      ("ttft_ms", metrics.ttftMs, caps.maxTTFTMs),
      ("power_w", metrics.powerW, caps.maxPowerW),
    ]
    for (name, value, limit) in upperLimits {
      guard let limit, value > limit else { continue }
      reasons.append("\(name) \(Self.text(value)) > \(Self.text(limit)) (max_\(name))")
      violation += Self.excess(value, over: limit)
    }
    return SpaceEvaluation(
      metrics: metrics, feasible: reasons.isEmpty, violation: reasons.isEmpty ? 0 : violation,
      reasons: reasons)
  }

  /// The value of a metric, in the unit its name states.
  public static func value(of metric: Metric, in metrics: Metrics) -> Double {
    switch metric {
    case .latencyMs: return metrics.latencyMs
    case .ttftMs: return metrics.ttftMs
    case .decodeMsPerToken:
      return metrics.decodeTokensPerS > 0 ? 1000 / metrics.decodeTokensPerS : .infinity
    case .decodeTokensPerS: return metrics.decodeTokensPerS
    case .prefillTokensPerS:
      let tokens = metrics.requests.reduce(0.0) { $0 + Double($1.request.inputTokens) }
      let seconds = metrics.requests.reduce(0.0) { $0 + $1.ttftMs / 1000 }
      return seconds > 0 ? tokens / seconds : .infinity
    case .energyMjPerToken: return metrics.energyMJPerToken
    case .tokensPerJ: return metrics.tokensPerJoule
    case .powerW: return metrics.powerW
    case .dsp: return Double(metrics.dsp)
    case .bram18k: return Double(metrics.bram18k)
    case .uram: return Double(metrics.uram)
    case .lut: return Double(metrics.lut)
    case .ff: return Double(metrics.ff)
    case .maxUtilisation: return metrics.utilisation.values.max() ?? 0
    case .fifoBits:
      return metrics.edges.reduce(0.0) {
        $0 + Double($1.fifoDepth * $1.tokenBits + $1.converterBits)
      }
    case .channels: return Double(metrics.channels)
    case .rooflineDistance: return metrics.rooflineDistance
    }
  }

  private static func excess(_ value: Double, over limit: Double) -> Double {
    guard value > limit else { return 0 }
    return limit > 0 ? (value - limit) / limit : 1
  }

  private static func text(_ value: Double) -> String {
    let rounded = (value * 100).rounded() / 100
    return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
  }
}
