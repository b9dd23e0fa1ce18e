import Numerics
import TestSupport
import Testing

@Suite("MixedIntegerProgram")
struct MixedIntegerProgramTests {
  /// Builds the program: maximize 5x + 4y with 6x + 4y ≤ capacity, x + 2y ≤ 6, x and y integer.
  static func textbook(capacity: Double = 24) -> MixedIntegerProgram {
    var program = MixedIntegerProgram(variableCount: 2, sense: .maximize)
    program.objective = [5, 4]
    program.isInteger = [true, true]
    program.addConstraint(
      [(index: 0, coefficient: 6), (index: 1, coefficient: 4)], upper: capacity)
    program.addConstraint([(index: 0, coefficient: 1), (index: 1, coefficient: 2)], upper: 6)
    return program
  }

  /// Returns the best objective of `textbook(capacity:)` by enumerating the integer grid.
  static func enumeratedOptimum(capacity: Double) -> Double {
    var best = -Double.infinity
    for x in 0...30 {
      for y in 0...30 where 6 * Double(x) + 4 * Double(y) <= capacity && x + 2 * y <= 6 {
        best = max(best, 5 * Double(x) + 4 * Double(y))
      }
    }
    return best
  }

  @Test("textbook MILP and its relaxation")
  func textbookOptimum() throws {
    let program = Self.textbook()
    let solution = try program.solve()
    #expect(solution.values == [4, 0])
    #expect(solution.objective == 20)
    #expect(solution.provenOptimal)
    #expect(solution.gap == 0)

    let relaxation = try program.solveRelaxation()
    #expect(abs(relaxation.objective - 21) < 1e-9)
    #expect(abs(relaxation.values[0] - 3) < 1e-9)
    #expect(abs(relaxation.values[1] - 1.5) < 1e-9)
  }

  @Test("mixed integer and continuous variables")
  func mixed() throws {
    // min x + y with x + y ≥ 2.5, x integer in [0, 10], y continuous in [0, 0.7].
    var program = MixedIntegerProgram(variableCount: 2)
    program.objective = [1, 1]
    program.isInteger = [true, false]
    program.upperBounds = [10, 0.7]
    program.addConstraint([(index: 0, coefficient: 1), (index: 1, coefficient: 1)], lower: 2.5)
    let solution = try program.solve()
    #expect(solution.values[0] == 2)
    #expect(abs(solution.values[1] - 0.5) < 1e-9)
    #expect(abs(solution.objective - 2.5) < 1e-9)
  }

  @Test("program without integer variables")
  func continuousOnly() throws {
    var program = MixedIntegerProgram(variableCount: 2, sense: .maximize)
    program.objective = [1, 1]
    program.addConstraint([(index: 0, coefficient: 1), (index: 1, coefficient: 1)], upper: 2.5)
    let solution = try program.solve()
    #expect(abs(solution.objective - 2.5) < 1e-9)
    #expect(solution.provenOptimal)
  }

  @Test("program without constraints")
  func boundsOnly() throws {
    var program = MixedIntegerProgram(variableCount: 2, sense: .maximize)
    program.objective = [1, 1]
    program.upperBounds = [2.5, 3.7]
    program.isInteger = [true, false]
    program.timeLimitSeconds = .infinity
    let solution = try program.solve()
    #expect(solution.values[0] == 2)
    #expect(abs(solution.values[1] - 3.7) < 1e-9)
    #expect(solution.provenOptimal)
  }

  @Test("integer variable with no integer in its bounds")
  func noIntegerInBounds() {
    var program = MixedIntegerProgram(variableCount: 1)
    program.isInteger = [true]
    program.lowerBounds = [0.2]
    program.upperBounds = [0.8]
    #expect(throws: SolverError.infeasible) {
      try program.solve()
    }
  }

  @Test("infeasible MILP throws")
  func infeasible() {
    var program = Self.textbook()
    program.addConstraint([(index: 0, coefficient: 1)], lower: 5)
    #expect(throws: SolverError.infeasible) {
      try program.solve()
    }
  }

  @Test("integer-infeasible MILP throws")
  func integerInfeasible() throws {
    // 2x = 1 has the relaxed solution x = 0.5 but no integer one.
    var program = MixedIntegerProgram(variableCount: 1)
    program.isInteger = [true]
    program.addConstraint([(index: 0, coefficient: 2)], lower: 1, upper: 1)
    #expect(throws: SolverError.infeasible) {
      try program.solve()
    }
    #expect(abs(try program.solveRelaxation().values[0] - 0.5) < 1e-9)
  }

  @Test("unbounded MILP throws")
  func unbounded() {
    var program = MixedIntegerProgram(variableCount: 2, sense: .maximize)
    program.objective = [1, 1]
    program.isInteger = [true, false]
    program.addConstraint([(index: 0, coefficient: 1), (index: 1, coefficient: -1)], upper: 1)
    #expect(throws: SolverError.unbounded) {
      try program.solve()
    }
  }

  @Test("malformed MILP throws invalidProblem", arguments: ["isInteger", "index", "time"])
  func invalid(defect: String) {
    var program = Self.textbook()
    switch defect {
    case "isInteger":
      program.isInteger = [true]
    case "index":
      program.addConstraint([(index: 7, coefficient: 1)], upper: 1)
    default:
      program.timeLimitSeconds = 0
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

  @Test("64 concurrent solves are all correct")
  func concurrentSolves() async throws {
    BLASThreads.set(1)
    let capacities = (0..<64).map { Double(12 + $0 % 24) }
    let results = try await withThrowingTaskGroup(of: (Int, Double).self) { group in
      for (i, capacity) in capacities.enumerated() {
        group.addTask {
          (i, try Self.textbook(capacity: capacity).solve().objective)
        }
      }
      var objectives = [Double](repeating: .nan, count: capacities.count)
      for try await (i, objective) in group {
        objectives[i] = objective
      }
      return objectives
    }
    for (capacity, objective) in zip(capacities, results) {
      #expect(objective == Self.enumeratedOptimum(capacity: capacity), "capacity \(capacity)")
    }
  }

  /// Builds a market split instance: binary x with Σⱼ aᵢⱼ xⱼ = ⌊Σⱼ aᵢⱼ / 2⌋ for every row i. With
  /// `withSlacks`, each row gets penalized slack variables, so x = 0 is feasible but proving
  /// optimality takes branch and bound a long time.
  static func marketSplit(rows: Int, columns: Int, withSlacks: Bool) -> MixedIntegerProgram {
    var generator = SeededGenerator(seed: 7)
    let slackCount = withSlacks ? 2 * rows : 0
    var program = MixedIntegerProgram(variableCount: columns + slackCount)
    for j in 0..<columns {
      program.isInteger[j] = true
      program.upperBounds[j] = 1
    }
    for i in 0..<rows {
      var terms: [(index: Int, coefficient: Double)] = []
      var sum = 0.0
      for j in 0..<columns {
        let coefficient = Double(Int.random(in: 0..<100, using: &generator))
        terms.append((index: j, coefficient: coefficient))
        sum += coefficient
      }
      if withSlacks {
        let surplus = columns + 2 * i
        terms.append((index: surplus, coefficient: 1))
        terms.append((index: surplus + 1, coefficient: -1))
        program.objective[surplus] = 1
        program.objective[surplus + 1] = 1
      }
      let target = (sum / 2).rounded(.down)
      program.addConstraint(terms, lower: target, upper: target)
    }
    return program
  }

  @Test("time limit with an incumbent")
  func timeLimitWithIncumbent() throws {
    var program = Self.marketSplit(rows: 4, columns: 30, withSlacks: true)
    program.timeLimitSeconds = 0.2
    let solution = try program.solve()
    #expect(!solution.provenOptimal)
    #expect(solution.bestBound <= solution.objective + 1e-9)
    #expect(solution.gap > 0)
    #expect(solution.values[..<30].allSatisfy { $0 == 0 || $0 == 1 })
  }

  @Test("time limit without a solution throws")
  func timeLimitWithoutSolution() {
    var program = Self.marketSplit(rows: 5, columns: 40, withSlacks: false)
    program.timeLimitSeconds = 0.1
    #expect(throws: SolverError.timeLimitWithoutSolution) {
      try program.solve()
    }
  }
}
