/// Greedy repair and improvement of allocation selections by single changes: one group's
/// option, or the binding.
enum AllocationRepair {
  /// Moves a selection into the caps by downgrades.
  ///
  /// Each step takes the change with the smallest latency increase per unit of excess removed,
  /// where the excess is Σ over rows of max(0, usage − cap) / cap, until no row exceeds its cap.
  ///
  /// - Returns: A feasible selection, or `nil` when no single change reduces the excess.
  /// - Complexity: O(steps × changes × latency terms).
  static func repair(
    _ selection: AllocationSelection, _ problem: AllocationProblem, caps: [Double]
  ) -> AllocationSelection? {
    var current = selection
    var currentExcess = excess(current, problem, caps)
    var currentLatency = problem.latencyEstimate(current)
    while currentExcess > 0 {
      var best: (selection: AllocationSelection, score: Double, excess: Double)?
      for candidate in changes(of: current, problem) {
        let candidateExcess = excess(candidate, problem, caps)
        guard candidateExcess < currentExcess else { continue }
        let latency = problem.latencyEstimate(candidate)
        let score = (latency - currentLatency) / (currentExcess - candidateExcess)
        if best == nil || score < best!.score {
          best = (candidate, score, candidateExcess)
        }
      }
      guard let best else { return nil }
      current = best.selection
      currentExcess = best.excess
      currentLatency = problem.latencyEstimate(current)
    }
    return current
  }

  /// Lowers the latency estimate of a feasible selection by the best single change that keeps
  /// it feasible, until no change helps.
  ///
  /// - Complexity: O(steps × changes × latency terms); each step strictly lowers the estimate.
  static func improve(
    _ selection: AllocationSelection, _ problem: AllocationProblem, caps: [Double]
  ) -> AllocationSelection {
    var current = selection
    var currentLatency = problem.latencyEstimate(current)
    while true {
      var best: (selection: AllocationSelection, latency: Double)?
      for candidate in changes(of: current, problem) where problem.isFeasible(candidate, caps: caps)
      {
        let latency = problem.latencyEstimate(candidate)
        if latency < (best?.latency ?? currentLatency) * (1 - 1e-12) {
          best = (candidate, latency)
        }
      }
      guard let best else { return current }
      current = best.selection
      currentLatency = best.latency
    }
  }

  /// Lowers the resource use of a feasible selection by single changes that keep it feasible
  /// and do not raise its latency estimate, so that ties between equally fast selections go to
  /// the cheaper one. Use is measured as Σ over rows of usage / cap.
  ///
  /// - Complexity: O(steps × changes × latency terms); each step strictly lowers the use.
  static func trim(
    _ selection: AllocationSelection, _ problem: AllocationProblem, caps: [Double]
  ) -> AllocationSelection {
    var current = selection
    let latency = problem.latencyEstimate(current)
    var currentUse = use(current, problem, caps)
    while true {
      var best: (selection: AllocationSelection, use: Double)?
      for candidate in changes(of: current, problem) where problem.isFeasible(candidate, caps: caps)
      {
        let candidateUse = use(candidate, problem, caps)
        guard candidateUse < (best?.use ?? currentUse) - 1e-12,
          problem.latencyEstimate(candidate) <= latency * (1 + 1e-12)
        else { continue }
        best = (candidate, candidateUse)
      }
      guard let best else { return current }
      current = best.selection
      currentUse = best.use
    }
  }

  /// Σ over rows with a positive cap of usage / cap.
  static func use(
    _ selection: AllocationSelection, _ problem: AllocationProblem, _ caps: [Double]
  ) -> Double {
    var total = 0.0
    for row in problem.resources.indices where caps[row] > 0 && caps[row].isFinite {
      total += problem.usage(selection, resource: row) / caps[row]
    }
    return total
  }

  /// Every selection that differs from `selection` in one group's option or in the binding.
  static func changes(
    of selection: AllocationSelection, _ problem: AllocationProblem
  ) -> [AllocationSelection] {
    var result: [AllocationSelection] = []
    for (group, value) in problem.groups.enumerated() {
      for option in value.options.indices where option != selection.options[group] {
        var candidate = selection
        candidate.options[group] = option
        result.append(candidate)
      }
    }
    for binding in problem.bindings.indices where binding != selection.binding {
      var candidate = selection
      candidate.binding = binding
      result.append(candidate)
    }
    return result
  }

  /// Σ over rows of the relative excess over the cap.
  static func excess(
    _ selection: AllocationSelection, _ problem: AllocationProblem, _ caps: [Double]
  ) -> Double {
    var total = 0.0
    for row in problem.resources.indices {
      let over = problem.usage(selection, resource: row) - caps[row]
      if over > 1e-9 { total += over / max(1, abs(caps[row])) }
    }
    return total
  }
}
