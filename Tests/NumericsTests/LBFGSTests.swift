import Numerics
import Testing

@Suite("LBFGS")
struct LBFGSTests {
  /// The Rosenbrock function (1 − x)² + 100 (y − x²)², minimal at (1, 1), and its gradient.
  static func rosenbrock(_ x: [Double], _ gradient: inout [Double]) -> Double {
    let a = 1 - x[0]
    let b = x[1] - x[0] * x[0]
    gradient[0] = -2 * a - 400 * x[0] * b
    gradient[1] = 200 * b
    return a * a + 100 * b * b
  }

  @Test("Rosenbrock from (-1.2, 1)")
  func rosenbrock() throws {
    let result = try LBFGS.minimize(start: [-1.2, 1], objective: Self.rosenbrock)
    #expect(abs(result.point[0] - 1) < 1e-5)
    #expect(abs(result.point[1] - 1) < 1e-5)
    #expect(result.value < 1e-9)
    #expect(result.evaluations > 1)
    #expect(result.evaluations <= 500)
  }

  @Test("bounds are respected")
  func bounds() throws {
    var lowest = [Double.infinity, .infinity]
    var highest = [-Double.infinity, -.infinity]
    let result = try LBFGS.minimize(
      start: [-1.2, 1], lowerBounds: [-2, -2], upperBounds: [0.5, 2]
    ) { x, gradient in
      for i in 0..<2 {
        lowest[i] = min(lowest[i], x[i])
        highest[i] = max(highest[i], x[i])
      }
      return Self.rosenbrock(x, &gradient)
    }
    // With x ≤ 0.5 the constrained minimum is at x = 0.5, y = x² = 0.25.
    #expect(abs(result.point[0] - 0.5) < 1e-6)
    #expect(abs(result.point[1] - 0.25) < 1e-5)
    #expect(highest[0] <= 0.5)
    #expect(lowest[0] >= -2)
    #expect(highest[1] <= 2)
    #expect(lowest[1] >= -2)
  }

  @Test("evaluation budget is exact", arguments: [1, 2, 5, 10])
  func budget(maxEvaluations: Int) throws {
    var calls = 0
    let result = try LBFGS.minimize(start: [-1.2, 1], maxEvaluations: maxEvaluations) {
      x, gradient in
      calls += 1
      return Self.rosenbrock(x, &gradient)
    }
    #expect(calls == maxEvaluations)
    #expect(result.evaluations == maxEvaluations)
    #expect(result.value <= 24.2 + 1e-12)
  }

  @Test("quadratic in five dimensions")
  func quadratic() throws {
    let center = [1.0, -2.0, 3.0, 0.5, -0.25]
    let result = try LBFGS.minimize(start: [0, 0, 0, 0, 0]) { x, gradient in
      var value = 0.0
      for i in 0..<5 {
        let weight = Double(i + 1)
        value += weight * (x[i] - center[i]) * (x[i] - center[i])
        gradient[i] = 2 * weight * (x[i] - center[i])
      }
      return value
    }
    for i in 0..<5 {
      #expect(abs(result.point[i] - center[i]) < 1e-6)
    }
  }

  @Test("bad sizes and settings throw invalidProblem")
  func invalid() {
    let cases: [() throws -> Void] = [
      { _ = try LBFGS.minimize(start: [], objective: Self.rosenbrock) },
      { _ = try LBFGS.minimize(start: [0, 0], lowerBounds: [0], objective: Self.rosenbrock) },
      { _ = try LBFGS.minimize(start: [0, 0], upperBounds: [1], objective: Self.rosenbrock) },
      { _ = try LBFGS.minimize(start: [-1, 0], lowerBounds: [0, 0], objective: Self.rosenbrock) },
      { _ = try LBFGS.minimize(start: [.nan, 0], objective: Self.rosenbrock) },
      { _ = try LBFGS.minimize(start: [0, 0], maxEvaluations: 0, objective: Self.rosenbrock) },
      {
        _ = try LBFGS.minimize(
          start: [0, 0], lowerBounds: [1, 0], upperBounds: [0, 1], objective: Self.rosenbrock)
      },
    ]
    for (index, run) in cases.enumerated() {
      #expect("case \(index)") {
        try run()
      } throws: { error in
        guard case .invalidProblem = error as? OptimizationError else {
          return false
        }
        return true
      }
    }
  }

  @Test("non-finite objective throws")
  func nonFinite() {
    #expect(throws: OptimizationError.nonFiniteObjective(evaluation: 1)) {
      try LBFGS.minimize(start: [1, 2]) { _, _ in .nan }
    }
    #expect(throws: OptimizationError.nonFiniteObjective(evaluation: 1)) {
      try LBFGS.minimize(start: [1, 2]) { _, gradient in
        gradient[0] = .infinity
        return 0
      }
    }
  }

  @Test("resized gradient throws")
  func resizedGradient() {
    #expect(throws: OptimizationError.gradientSizeChanged(evaluation: 1)) {
      try LBFGS.minimize(start: [1, 2]) { _, gradient in
        gradient = [0]
        return 0
      }
    }
  }
}
