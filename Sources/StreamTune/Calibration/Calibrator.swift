/// Fits platform efficiency constants to measured designs by least squares on relative errors.
///
/// The objective is Σ ((estimate − measured) / measured)² over every measured figure, plus a
/// tie-breaking penalty of 10⁻⁶ × the squared distance from the base constants in normalised
/// coordinates: one measured request gives only two independent figures (latency is TTFT plus
/// decode time), so three constants are not determined by it, and the penalty picks the exact
/// fit nearest the base values. The model is piecewise smooth (maxima of compute and memory
/// bounds), so the search uses no gradients: a compass search in normalised coordinates (DMA
/// efficiency linear, overheads by log10(1 + value)), started from the base constants and from
/// fixed spread-out points, keeping the best.
public struct Calibrator: Sendable {
  public struct Options: Sendable {
    /// Constants to fit; the others keep their base values.
    public var constants: [EfficiencyConstant] = EfficiencyConstant.allCases
    /// Cost-model evaluations allowed over all starts.
    public var maxEvaluations: Int = 400
    /// Starting points besides the base constants.
    public var extraStarts: Int = 3
    /// Compass steps below this (in normalised coordinates) end a start.
    public var minimumStep: Double = 1e-4

    public init() {}
  }

  /// Weight of the squared normalised distance from the base constants.
  static let tieBreakWeight = 1e-6

  public let model: CalibrationModel
  public let options: Options

  public init(model: CalibrationModel, options: Options = Options()) {
    self.model = model
    self.options = options
  }

  /// Runs the fit.
  ///
  /// - Returns: base and fitted constants with judgements, and every measured figure with the
  ///   model's estimates before and after.
  /// - Complexity: At most `options.maxEvaluations` evaluations of every distinct measured
  ///   design.
  public func fit() -> CalibrationResult {
    let base = model.platform.efficiency
    let fitted = options.constants
    let prior = fitted.map { $0.normalized($0.value(in: base)) }
    var evaluations = 0

    func efficiency(at x: [Double]) -> Efficiency {
      var result = base
      for (index, constant) in fitted.enumerated() {
        constant.set(constant.value(normalized: x[index]), in: &result)
      }
      return result
    }
    func objective(_ x: [Double]) -> Double {
      evaluations += 1
      let metrics = model.requestMetrics(efficiency: efficiency(at: x))
      var sum = 0.0
      for (index, design) in model.designs.enumerated() {
        for target in design.targets {
          let estimate = target.metric.value(in: metrics[index])
          let error = (estimate - target.value) / target.value
          sum += error.isFinite ? error * error : 1e6
        }
      }
      for (index, value) in x.enumerated() {
        sum += Self.tieBreakWeight * (value - prior[index]) * (value - prior[index])
      }
      return sum
    }

    var best = (point: prior, value: fitted.isEmpty ? 0 : objective(prior))
    if !fitted.isEmpty {
      let starts = [prior] + Self.spreadStarts(dimension: fitted.count, count: options.extraStarts)
      let share = max(8, options.maxEvaluations / starts.count)
      for start in starts where evaluations < options.maxEvaluations {
        let budget = min(share, options.maxEvaluations - evaluations)
        let found = compassSearch(from: start, budget: budget, objective: objective)
        if found.value < best.value { best = found }
      }
    }

    let after = efficiency(at: best.point)
    let before = model.requestMetrics(efficiency: base)
    let afterMetrics = model.requestMetrics(efficiency: after)
    return makeResult(
      base: base, after: after, before: before, afterMetrics: afterMetrics,
      evaluations: evaluations + 2)
  }

  /// Compass search in [0, 1]^n: try ± step on each coordinate, move on improvement, halve
  /// the step when no move improves.
  func compassSearch(
    from start: [Double], budget: Int, objective: ([Double]) -> Double
  ) -> (point: [Double], value: Double) {
    var point = start
    var value = objective(point)
    var used = 1
    var step = 0.25
    while step >= options.minimumStep && used < budget {
      var improved = false
      for coordinate in point.indices where used < budget {
        for direction in [1.0, -1.0] where used < budget {
          var trial = point
          trial[coordinate] = min(1, max(0, trial[coordinate] + direction * step))
          guard trial != point else { continue }
          let trialValue = objective(trial)
          used += 1
          if trialValue < value {
            point = trial
            value = trialValue
            improved = true
            break
          }
        }
      }
      if !improved { step /= 2 }
    }
    return (point, value)
  }

  /// Deterministic starting points spread over the unit cube (a scrambled low-discrepancy
  /// pattern), so that repeated runs give the same fit.
  static func spreadStarts(dimension: Int, count: Int) -> [[Double]] {
    let generators = [0.618_033_988_7, 0.754_877_666_2, 0.569_840_290_9]
    return (1...max(1, count)).prefix(count).map { index in
      (0..<dimension).map { axis in
        let raw = 0.5 + Double(index) * generators[axis % generators.count]
        return 0.1 + 0.8 * (raw - raw.rounded(.down))
      }
    }
  }

  func makeResult(
    base: Efficiency, after: Efficiency, before: [RequestMetrics], afterMetrics: [RequestMetrics],
    evaluations: Int
  ) -> CalibrationResult {
    var comparisons: [CalibrationResult.Comparison] = []
    for (index, design) in model.designs.enumerated() {
      for target in design.targets {
        comparisons.append(
          CalibrationResult.Comparison(
            design: design.name, request: design.request, metric: target.metric,
            measured: target.value, before: target.metric.value(in: before[index]),
            after: target.metric.value(in: afterMetrics[index])))
      }
    }
    let constants = EfficiencyConstant.allCases.map { constant in
      let value = constant.value(in: after)
      return CalibrationResult.Constant(
        name: constant, before: constant.value(in: base), after: value,
        fitted: options.constants.contains(constant),
        plausible: constant.plausibleRange.contains(value), judgement: constant.judgement(of: value)
      )
    }
    return CalibrationResult(
      before: base, after: after, constants: constants, comparisons: comparisons,
      evaluations: evaluations, clockMHz: model.platform.clockMHz)
  }
}
