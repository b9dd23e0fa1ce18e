import CNLopt

/// Bound-constrained minimization of a smooth function with the limited-memory BFGS method
/// (NLopt's `NLOPT_LD_LBFGS`), using gradients that the caller computes.
public enum LBFGS {
  /// Minimizes a smooth function from a start point.
  ///
  /// The search stops when an iteration changes the objective by less than
  /// `relativeTolerance × |f|`, changes every coordinate by less than
  /// `relativeTolerance × |xᵢ|`, or uses `maxEvaluations` evaluations. Stopping on the budget or
  /// on NLopt's round-off limit still returns the best point found. NLopt 2.7.1's L-BFGS can
  /// overrun its own evaluation limit (9 evaluations for a limit of 5 on the Rosenbrock
  /// function), so the budget is enforced in the callback.
  ///
  /// - Parameters:
  ///   - start: The initial point; it must lie within the bounds.
  ///   - lowerBounds: The lower bound of each coordinate, or `nil` for none.
  ///   - upperBounds: The upper bound of each coordinate, or `nil` for none.
  ///   - maxEvaluations: The maximum number of objective evaluations; at least 1.
  ///   - relativeTolerance: The relative stopping tolerance on the objective and on `x`.
  ///   - objective: Returns `f(x)` and writes `∂f/∂xᵢ` into `gradient`, which arrives with
  ///     one entry per coordinate.
  /// - Returns: The best point, its objective value and the number of evaluations used.
  /// - Throws: `OptimizationError.invalidProblem` for bad sizes, bounds or settings,
  ///   `.nonFiniteObjective` or `.gradientSizeChanged` when the objective misbehaves, and
  ///   `.failed` for other NLopt failures.
  /// - Complexity: O(n) memory per stored correction and O(n) work per iteration besides the
  ///   objective evaluations.
  public static func minimize(
    start: [Double],
    lowerBounds: [Double]? = nil,
    upperBounds: [Double]? = nil,
    maxEvaluations: Int = 500,
    relativeTolerance: Double = 1e-8,
    objective: (_ x: [Double], _ gradient: inout [Double]) -> Double
  ) throws(OptimizationError) -> (point: [Double], value: Double, evaluations: Int) {
    try validate(
      start: start, lowerBounds: lowerBounds, upperBounds: upperBounds,
      maxEvaluations: maxEvaluations, relativeTolerance: relativeTolerance)

    guard let optimizer = nlopt_create(NLOPT_LD_LBFGS, UInt32(start.count)) else {
      throw .failed("NLopt could not create an L-BFGS optimizer")
    }
    defer { nlopt_destroy(optimizer) }

    return try withoutActuallyEscaping(objective) {
      (escapable) throws(OptimizationError) -> (point: [Double], value: Double, evaluations: Int)
      in
      let context = ObjectiveContext(
        objective: escapable, optimizer: optimizer, maxEvaluations: maxEvaluations)
      let unmanaged = Unmanaged.passRetained(context)
      defer { unmanaged.release() }

      try configure(
        optimizer, context: unmanaged.toOpaque(), lowerBounds: lowerBounds,
        upperBounds: upperBounds, maxEvaluations: maxEvaluations,
        relativeTolerance: relativeTolerance)

      var point = start
      var value = Double.nan
      let result = nlopt_optimize(optimizer, &point, &value)
      let evaluations = context.evaluations

      if let failure = context.failure {
        throw failure
      }
      // A stop forced inside a line search comes back as NLOPT_FAILURE, not
      // NLOPT_FORCED_STOP, so the budget flag decides instead of the result code.
      if context.budgetExhausted, let best = context.best {
        return (best.point, best.value, evaluations)
      }
      guard result.rawValue > 0 || result == NLOPT_ROUNDOFF_LIMITED else {
        throw .failed(describe(result))
      }
      guard value.isFinite else {
        throw .nonFiniteObjective(evaluation: evaluations)
      }
      return (point, value, evaluations)
    }
  }

  private static func validate(
    start: [Double], lowerBounds: [Double]?, upperBounds: [Double]?,
    maxEvaluations: Int, relativeTolerance: Double
  ) throws(OptimizationError) {
    guard !start.isEmpty, start.count < Int(Int32.max) else {
      throw .invalidProblem("start has \(start.count) coordinates; it needs at least 1")
    }
    for (i, x) in start.enumerated() where !x.isFinite {
      throw .invalidProblem("start[\(i)] is \(x); it must be finite")
    }
    guard maxEvaluations >= 1, maxEvaluations <= Int(Int32.max) else {
      throw .invalidProblem("maxEvaluations is \(maxEvaluations); it must be at least 1")
    }
    guard relativeTolerance >= 0, relativeTolerance.isFinite else {
      throw .invalidProblem(
        "relativeTolerance is \(relativeTolerance); it must be finite and non-negative")
    }

    for (bounds, name) in [(lowerBounds, "lowerBounds"), (upperBounds, "upperBounds")] {
      if let bounds, bounds.count != start.count {
        throw .invalidProblem("\(name) has \(bounds.count) entries; expected \(start.count)")
      }
    }
    for i in start.indices {
      let lower = lowerBounds?[i] ?? -.infinity
      let upper = upperBounds?[i] ?? .infinity
      guard !lower.isNaN, !upper.isNaN, lower <= upper else {
        throw .invalidProblem(
          "coordinate \(i) has bounds [\(lower), \(upper)]; "
            + "they must be numbers with lower ≤ upper")
      }
      guard lower <= start[i], start[i] <= upper else {
        throw .invalidProblem(
          "start[\(i)] = \(start[i]) lies outside its bounds [\(lower), \(upper)]")
      }
    }
  }

  private static func configure(
    _ optimizer: nlopt_opt, context: UnsafeMutableRawPointer, lowerBounds: [Double]?,
    upperBounds: [Double]?, maxEvaluations: Int, relativeTolerance: Double
  ) throws(OptimizationError) {
    var results = [nlopt_set_min_objective(optimizer, evaluateObjective, context)]
    if let lowerBounds {
      results.append(nlopt_set_lower_bounds(optimizer, lowerBounds))
    }
    if let upperBounds {
      results.append(nlopt_set_upper_bounds(optimizer, upperBounds))
    }
    results.append(nlopt_set_maxeval(optimizer, Int32(maxEvaluations)))
    results.append(nlopt_set_ftol_rel(optimizer, relativeTolerance))
    results.append(nlopt_set_xtol_rel(optimizer, relativeTolerance))

    for result in results where result.rawValue < 0 {
      throw .invalidProblem("NLopt rejected a setting: \(describe(result))")
    }
  }

  private static func describe(_ result: nlopt_result) -> String {
    guard let text = nlopt_result_to_string(result) else {
      return "NLopt result code \(result.rawValue)"
    }
    return "\(String(cString: text)) (NLopt result code \(result.rawValue))"
  }
}

/// The Swift objective and its bookkeeping, passed to NLopt's C callback as `func_data`.
private final class ObjectiveContext {
  let objective: ([Double], inout [Double]) -> Double
  let optimizer: nlopt_opt
  let maxEvaluations: Int
  var evaluations = 0
  var failure: OptimizationError?
  var budgetExhausted = false
  var best: (point: [Double], value: Double)?

  init(
    objective: @escaping ([Double], inout [Double]) -> Double, optimizer: nlopt_opt,
    maxEvaluations: Int
  ) {
    self.objective = objective
    self.optimizer = optimizer
    self.maxEvaluations = maxEvaluations
  }
}

/// Evaluates the Swift objective for NLopt and records the best point so far.
///
/// A C callback cannot throw, so the first misbehaviour of the objective is stored in the
/// context and `nlopt_force_stop` ends the run. The same call ends it when the budget is spent.
private func evaluateObjective(
  _ count: UInt32, _ x: UnsafePointer<Double>?, _ gradient: UnsafeMutablePointer<Double>?,
  _ data: UnsafeMutableRawPointer?
) -> Double {
  guard let data, let x else {
    return .nan
  }
  let context = Unmanaged<ObjectiveContext>.fromOpaque(data).takeUnretainedValue()
  let n = Int(count)
  guard context.failure == nil, !context.budgetExhausted else {
    return .nan
  }
  context.evaluations += 1

  let point = Array(UnsafeBufferPointer(start: x, count: n))
  var gradientValues = [Double](repeating: 0, count: n)
  let value = context.objective(point, &gradientValues)

  guard gradientValues.count == n else {
    context.failure = .gradientSizeChanged(evaluation: context.evaluations)
    nlopt_force_stop(context.optimizer)
    return .nan
  }
  guard value.isFinite, gradientValues.allSatisfy(\.isFinite) else {
    context.failure = .nonFiniteObjective(evaluation: context.evaluations)
    nlopt_force_stop(context.optimizer)
    return .nan
  }

  if let gradient {
    gradient.update(from: gradientValues, count: n)
  }
  if value < context.best?.value ?? .infinity {
    context.best = (point, value)
  }
  if context.evaluations >= context.maxEvaluations {
    context.budgetExhausted = true
    nlopt_force_stop(context.optimizer)
  }
  return value
}
