import Foundation

/// ParEGO's random augmented Chebyshev scalarisation of normalised objectives, with the
/// penalty that stands in for infeasible points.
///
/// Objectives are put on a log scale (`ObjectiveScale.logarithmic`), then normalised to [0, 1]
/// with the minimum and maximum over every feasible observation so far. For weights λ on the simplex and augmentation ρ a point scores
///
///     max_i(λ_i f̃_i) + ρ Σ_i λ_i f̃_i,
///
/// smaller being better. Every point of the Pareto front minimises this score for some λ, and
/// the ρ term breaks ties in favour of non-dominated points.
struct BayesScalarization: Sendable {
  /// The minimum of each objective over feasible records.
  let lower: [Double]
  /// The range of each objective over feasible records, or 1 for a constant objective.
  let span: [Double]
  let augmentation: Double

  /// Measures the objective ranges of the usable records.
  ///
  /// - Parameters:
  ///   - records: Every told record; only usable ones are measured.
  ///   - objectiveCount: The number of objectives.
  ///   - augmentation: ρ, the weight of the weighted sum added to the Chebyshev maximum.
  init(records: [BayesRecord], objectiveCount: Int, augmentation: Double) {
    var lower = [Double](repeating: .infinity, count: objectiveCount)
    var upper = [Double](repeating: -.infinity, count: objectiveCount)
    for record in records where record.usable {
      let scaled = ObjectiveScale.logarithmic(record.minimized)
      for objective in 0..<objectiveCount {
        lower[objective] = min(lower[objective], scaled[objective])
        upper[objective] = max(upper[objective], scaled[objective])
      }
    }
    var span = [Double](repeating: 1, count: objectiveCount)
    for objective in 0..<objectiveCount {
      if lower[objective].isFinite, upper[objective] - lower[objective] > 0 {
        span[objective] = upper[objective] - lower[objective]
      } else {
        lower[objective] = lower[objective].isFinite ? lower[objective] : 0
      }
    }
    self.lower = lower
    self.span = span
    self.augmentation = augmentation
  }

  /// Draws weights uniformly from the probability simplex (normalised exponential draws).
  static func randomWeights(count: Int, using generator: inout some RandomNumberGenerator)
    -> [Double]
  {
    var weights: [Double] = []
    for _ in 0..<count {
      weights.append(-log(1 - Double.random(in: 0..<1, using: &generator)))
    }
    let total = weights.reduce(0, +)
    guard total > 0 else { return [Double](repeating: 1 / Double(count), count: count) }
    return weights.map { $0 / total }
  }

  /// The augmented Chebyshev score of objectives in minimisation form, on the log scale.
  func score(_ minimized: [Double], weights: [Double]) -> Double {
    let scaled = ObjectiveScale.logarithmic(minimized)
    var maximum = -Double.infinity
    var sum = 0.0
    for objective in scaled.indices {
      let weighted =
        weights[objective] * (scaled[objective] - lower[objective]) / span[objective]
      maximum = max(maximum, weighted)
      sum += weighted
    }
    return maximum + augmentation * sum
  }

  /// The model targets of records under one weight vector (smaller is better).
  ///
  /// Usable records get their score. Infeasible ones get a penalty worse than every feasible
  /// score, graded by violation so that the model still points towards feasibility:
  /// `worst + spread × (0.5 + 0.5 × v / v_max)`, where `spread` is the range of the feasible
  /// scores. When no record is feasible yet, every target is `log(1 + v)`, so the search first
  /// minimises the violation.
  ///
  /// - Parameters:
  ///   - records: The records to score.
  ///   - weights: Weights on the simplex, one per objective.
  /// - Returns: One target per record.
  func targets(_ records: [BayesRecord], weights: [Double]) -> [Double] {
    guard records.contains(where: \.usable) else {
      return records.map { log1p(max(0, $0.violation)) }
    }

    var targets = [Double](repeating: 0, count: records.count)
    var best = Double.infinity
    var worst = -Double.infinity
    var maxViolation = 0.0
    for (index, record) in records.enumerated() {
      if record.usable {
        targets[index] = score(record.minimized, weights: weights)
        best = min(best, targets[index])
        worst = max(worst, targets[index])
      } else if record.violation.isFinite {
        maxViolation = max(maxViolation, record.violation)
      }
    }

    let spread = worst > best ? worst - best : 1
    for (index, record) in records.enumerated() where !record.usable {
      let violation = record.violation.isFinite ? max(0, record.violation) : maxViolation
      let share = maxViolation > 0 ? violation / maxViolation : 1
      targets[index] = worst + spread * (0.5 + 0.5 * share)
    }
    return targets
  }
}
