import Numerics
import Testing

@Suite("LinearProgram")
struct LinearProgramTests {
  /// Builds Wyndor Glass: maximize 3x + 5y with x ≤ 4, 2y ≤ 12, 3x + 2y ≤ capacity.
  static func wyndor(capacity: Double = 18) -> LinearProgram {
    var program = LinearProgram(variableCount: 2, sense: .maximize)
    program.objective = [3, 5]
    program.addConstraint([(index: 0, coefficient: 1)], upper: 4)
    program.addConstraint([(index: 1, coefficient: 2)], upper: 12)
    program.addConstraint(
      [(index: 0, coefficient: 3), (index: 1, coefficient: 2)], upper: capacity)
    return program
  }

  @Test("Wyndor optimum and duals")
  func wyndor() throws {
    let solution = try Self.wyndor().solve()
    #expect(abs(solution.values[0] - 2) < 1e-9)
    #expect(abs(solution.values[1] - 6) < 1e-9)
    #expect(abs(solution.objective - 36) < 1e-9)
    // Shadow prices: x ≤ 4 is slack; the other two rows are worth 1.5 and 1 per unit.
    #expect(solution.duals.count == 3)
    #expect(abs(solution.duals[0]) < 1e-9)
    #expect(abs(solution.duals[1] - 1.5) < 1e-9)
    #expect(abs(solution.duals[2] - 1) < 1e-9)
  }

  @Test("minimization with lower-bounded rows")
  func minimization() throws {
    // min x + y with x + 2y ≥ 4 and 3x + y ≥ 6: optimum (1.6, 1.2), objective 2.8.
    var program = LinearProgram(variableCount: 2)
    program.objective = [1, 1]
    program.addConstraint([(index: 0, coefficient: 1), (index: 1, coefficient: 2)], lower: 4)
    program.addConstraint([(index: 0, coefficient: 3), (index: 1, coefficient: 1)], lower: 6)
    let solution = try program.solve()
    #expect(abs(solution.values[0] - 1.6) < 1e-9)
    #expect(abs(solution.values[1] - 1.2) < 1e-9)
    #expect(abs(solution.objective - 2.8) < 1e-9)
    #expect(abs(solution.duals[0] - 0.4) < 1e-9)
    #expect(abs(solution.duals[1] - 0.2) < 1e-9)
  }

  @Test("equality row, free variable and repeated index")
  func equalityAndFreeVariable() throws {
    // min x with x + y = 1 written as x + 0.5y + 0.5y, y ≤ 3, x free: optimum x = -2.
    var program = LinearProgram(variableCount: 2)
    program.objective = [1, 0]
    program.lowerBounds = [-.infinity, 0]
    program.upperBounds = [.infinity, 3]
    program.addConstraint(
      [(index: 0, coefficient: 1), (index: 1, coefficient: 0.5), (index: 1, coefficient: 0.5)],
      lower: 1, upper: 1)
    let solution = try program.solve()
    #expect(abs(solution.values[0] + 2) < 1e-9)
    #expect(abs(solution.values[1] - 3) < 1e-9)
    #expect(program.constraintCount == 1)
  }

  @Test("infeasible program throws")
  func infeasible() {
    var program = Self.wyndor()
    program.addConstraint([(index: 0, coefficient: 1), (index: 1, coefficient: 1)], lower: 20)
    #expect(throws: SolverError.infeasible) {
      try program.solve()
    }
  }

  @Test("crossed bounds are infeasible")
  func crossedBounds() {
    var program = Self.wyndor()
    program.lowerBounds[0] = 5
    program.upperBounds[0] = 1
    #expect(throws: SolverError.infeasible) {
      try program.solve()
    }
  }

  @Test("unbounded program throws")
  func unbounded() {
    var program = LinearProgram(variableCount: 2, sense: .maximize)
    program.objective = [1, 1]
    program.addConstraint([(index: 0, coefficient: 1), (index: 1, coefficient: -1)], upper: 1)
    #expect(throws: SolverError.unbounded) {
      try program.solve()
    }
  }

  @Test("64 concurrent solves are all correct")
  func concurrentSolves() async throws {
    BLASThreads.set(1)
    // Raising the capacity of 3x + 2y ≤ 18 to 18 + k moves the optimum to x = (6 + k) / 3, y = 6
    // while x stays below 4, so the objective is 36 + k for k in 0...6.
    let offsets = (0..<64).map { Double($0 % 7) }
    let objectives = try await withThrowingTaskGroup(of: (Int, Double).self) { group in
      for (i, offset) in offsets.enumerated() {
        group.addTask {
          (i, try Self.wyndor(capacity: 18 + offset).solve().objective)
        }
      }
      var objectives = [Double](repeating: .nan, count: offsets.count)
      for try await (i, objective) in group {
        objectives[i] = objective
      }
      return objectives
    }
    for (offset, objective) in zip(offsets, objectives) {
      #expect(abs(objective - (36 + offset)) < 1e-9, "offset \(offset)")
    }
  }

  @Test(
    "malformed program throws invalidProblem",
    arguments: [
      "objective size", "bound size", "index", "negative index", "NaN coefficient",
      "NaN bound", "infinite objective", "no variables",
    ])
  func invalid(defect: String) {
    var program = Self.wyndor()
    switch defect {
    case "objective size":
      program.objective = [1, 2, 3]
    case "bound size":
      program.upperBounds = [1]
    case "index":
      program.addConstraint([(index: 2, coefficient: 1)], upper: 1)
    case "negative index":
      program.addConstraint([(index: -1, coefficient: 1)], upper: 1)
    case "NaN coefficient":
      program.addConstraint([(index: 0, coefficient: .nan)], upper: 1)
    case "NaN bound":
      program.addConstraint([(index: 0, coefficient: 1)], upper: .nan)
    case "infinite objective":
      program.objective[1] = .infinity
    default:
      program = LinearProgram(variableCount: 0)
    }

    #expect {
      try program.solve()
    } throws: { error in
      guard case .invalidProblem = error as? SolverError else {
        return false
      }
      return true
    }
  }
}
