import Numerics

/// The outcome of solving one allocation problem under one set of caps.
public struct AllocationSolution: Sendable, Hashable {
  public var selection: AllocationSelection
  /// The full configuration of the selection (not yet canonical).
  public var configuration: [Int]
  /// The DSP cap the problem was solved under.
  public var dspCap: Double
  /// The selection's estimated DSP use.
  public var dsp: Double
  /// The optimum of the linear relaxation, in milliseconds: no selection within the caps has a
  /// lower latency estimate.
  public var lpBound: Double
  /// The best proven lower bound: the LP bound, or CBC's bound when the exact solve ran and
  /// proved a higher one.
  public var bestBound: Double
  /// The selection's latency estimate, in milliseconds.
  public var achieved: Double
  /// Whether CBC proved the selection optimal for the estimate.
  public var provenOptimal: Bool

  /// The relative optimality gap (achieved − bestBound) / achieved; 0 when proven optimal.
  public var gap: Double {
    guard !provenOptimal, achieved > 0 else { return 0 }
    return max(0, achieved - bestBound) / achieved
  }
}

/// Solves allocation problems as multiple-choice integer programs.
///
/// Binary x[g][o][b] selects option o of group g under binding b and y[b] selects the binding;
/// Σ_b y[b] = 1 and Σ_o x[g][o][b] = y[b] for every group and binding. Each stage s has
/// continuous start and finish times per kernel and an end time R[s]: t[v] ≥ t[u] + delay[u→v],
/// f[k] ≥ t[k] + L[k], f[v] ≥ f[u] + tail[v] and R[s] ≥ f[k], where each delay, L and tail is
/// Σ value x over the options of the kernel's group. The objective is Σ_s weight[s] R[s]
/// (milliseconds of mean request latency); for integer x its optimum is the earliest schedule,
/// so it equals `AllocationProblem.latencyEstimate`. Every resource row is
/// Σ_b constant[b] y[b] + Σ amount x ≤ cap.
///
/// The linear relaxation (CLP) gives a lower bound. Its solution is rounded (the largest y,
/// then the largest x of each group under it), repaired to feasibility and improved by single
/// changes; with `exact`, CBC also solves the integer program under a time limit, and the
/// better of the two selections is kept. Last, single changes that lower the resource use
/// without raising the estimate are applied, so equally fast selections resolve to the
/// cheapest one found.
public enum AllocationSolver {
  /// Solves a problem under caps.
  ///
  /// - Parameters:
  ///   - problem: The allocation problem.
  ///   - caps: One cap per resource row, replacing the rows' own caps.
  ///   - exact: Whether to run CBC as well.
  ///   - timeLimitSeconds: CBC's time limit.
  /// - Returns: The solution, or `nil` when the relaxation is infeasible (no selection fits
  ///   the caps) or repair fails.
  /// - Complexity: One LP of about Σ_g |options| × |bindings| + |stages| columns, plus, with
  ///   `exact`, a branch and bound bounded by `timeLimitSeconds`.
  public static func solve(
    _ problem: AllocationProblem, caps: [Double], exact: Bool, timeLimitSeconds: Double
  ) -> AllocationSolution? {
    let layout = ProgramLayout(problem)
    let program = layout.program(problem, caps: caps, timeLimitSeconds: timeLimitSeconds)
    guard let relaxation = try? program.solveRelaxation() else { return nil }

    var best: AllocationSelection?
    if let rounded = layout.roundedSelection(relaxation.values, problem),
      let repaired = AllocationRepair.repair(rounded, problem, caps: caps)
    {
      best = AllocationRepair.improve(repaired, problem, caps: caps)
    }

    var bestBound = relaxation.objective
    var provenOptimal = false
    if exact, let integer = try? program.solve(),
      let selection = layout.roundedSelection(integer.values, problem),
      problem.isFeasible(selection, caps: caps)
    {
      bestBound = max(bestBound, integer.bestBound)
      let current = best.map(problem.latencyEstimate) ?? .infinity
      if problem.latencyEstimate(selection) <= current {
        best = selection
        provenOptimal = integer.provenOptimal
      }
    }

    guard let found = best else { return nil }
    let chosen = AllocationRepair.trim(found, problem, caps: caps)
    let dspRow = problem.resourceIndex(named: "dsp")
    return AllocationSolution(
      selection: chosen, configuration: problem.configuration(chosen),
      dspCap: dspRow.map { caps[$0] } ?? .infinity,
      dsp: dspRow.map { problem.usage(chosen, resource: $0) } ?? 0,
      lpBound: relaxation.objective, bestBound: bestBound,
      achieved: problem.latencyEstimate(chosen), provenOptimal: provenOptimal)
  }
}

/// Column indices of the integer program of an allocation problem.
struct ProgramLayout {
  /// Column of x[g][o][b].
  var optionColumn: [[[Int]]] = []
  var bindingColumn: [Int] = []
  /// Columns of each stage's end time, and of its kernels' start and finish times.
  var stageColumn: [Int] = []
  var emitColumn: [[Int]] = []
  var finishColumn: [[Int]] = []
  var columnCount = 0

  init(_ problem: AllocationProblem) {
    let bindingCount = problem.bindings.count
    for group in problem.groups {
      optionColumn.append(
        group.options.indices.map { _ in
          (0..<bindingCount).map { _ in nextColumn() }
        })
    }
    bindingColumn = (0..<bindingCount).map { _ in nextColumn() }
    for stage in problem.stages {
      stageColumn.append(nextColumn())
      emitColumn.append(stage.latency.indices.map { _ in nextColumn() })
      finishColumn.append(stage.latency.indices.map { _ in nextColumn() })
    }
  }

  private mutating func nextColumn() -> Int {
    columnCount += 1
    return columnCount - 1
  }

  /// Builds the integer program; its relaxation is the LP.
  func program(
    _ problem: AllocationProblem, caps: [Double], timeLimitSeconds: Double
  ) -> MixedIntegerProgram {
    var program = MixedIntegerProgram(variableCount: columnCount)
    program.timeLimitSeconds = timeLimitSeconds
    let bindings = problem.bindings.indices

    for column in bindingColumn + optionColumn.joined().joined() {
      program.upperBounds[column] = 1
      program.isInteger[column] = true
    }
    for (stage, column) in zip(problem.stages, stageColumn) {
      program.objective[column] = stage.weight * problem.millisecondsPerCycle
    }

    program.addConstraint(bindingColumn.map { ($0, 1.0) }, lower: 1, upper: 1)
    for group in problem.groups.indices {
      for binding in bindings {
        var terms = optionColumn[group].map { ($0[binding], 1.0) }
        terms.append((bindingColumn[binding], -1))
        program.addConstraint(terms, lower: 0, upper: 0)
      }
    }
    for (index, stage) in problem.stages.enumerated() {
      let emit = emitColumn[index]
      let finish = finishColumn[index]
      for edge in stage.edges {
        let (producer, consumer) = (edge.producer, edge.consumer)
        addDifference(
          emit[consumer], minus: emit[producer], atLeast: [edge.arrival, stage.delay[consumer]],
          problem, to: &program)
        addDifference(
          emit[consumer], minus: emit[producer],
          atLeast: [edge.arrival, edge.waited, stage.lag[consumer]], problem, to: &program)
        addDifference(
          finish[consumer], minus: finish[producer], atLeast: [stage.tail[consumer]], problem,
          to: &program)
      }
      for node in stage.latency.indices {
        addDifference(emit[node], minus: nil, atLeast: [stage.delay[node]], problem, to: &program)
        var negatedDelay = stage.delay[node]
        negatedDelay.cycles = negatedDelay.cycles.map { -$0 }
        addDifference(
          finish[node], minus: emit[node], atLeast: [stage.latency[node], negatedDelay], problem,
          to: &program)
        program.addConstraint([(stageColumn[index], 1), (finish[node], -1)], lower: 0)
      }
    }
    for (row, cap) in zip(problem.resources, caps) {
      var terms: [(index: Int, coefficient: Double)] = []
      for binding in bindings where row.constant[binding] != 0 {
        terms.append((bindingColumn[binding], row.constant[binding]))
      }
      for group in problem.groups.indices {
        for option in row.amounts[group].indices {
          for binding in bindings where row.amounts[group][option][binding] != 0 {
            terms.append(
              (optionColumn[group][option][binding], row.amounts[group][option][binding]))
          }
        }
      }
      if terms.isEmpty { continue }
      program.addConstraint(terms, upper: cap)
    }
    return program
  }

  /// Adds the row `later − earlier ≥ Σ terms`, each group's term written as Σ value x; a
  /// missing `earlier` reads as 0.
  private func addDifference(
    _ later: Int, minus earlier: Int?, atLeast terms: [LatencyTerm],
    _ problem: AllocationProblem, to program: inout MixedIntegerProgram
  ) {
    var constant = 0.0
    var coefficients: [Int: Double] = [later: 1]
    if let earlier { coefficients[earlier, default: 0] -= 1 }
    for term in terms {
      guard let group = term.group else {
        constant += term.cycles[0]
        continue
      }
      for (option, cycles) in term.cycles.enumerated() where cycles != 0 {
        for binding in problem.bindings.indices {
          coefficients[optionColumn[group][option][binding], default: 0] -= cycles
        }
      }
    }
    let row = coefficients.keys.sorted().map { ($0, coefficients[$0]!) }
    program.addConstraint(row, lower: constant)
  }

  /// Rounds a (fractional) solution: the binding with the largest y, then for each group the
  /// option with the largest x under that binding (the first on ties).
  func roundedSelection(_ values: [Double], _ problem: AllocationProblem) -> AllocationSelection? {
    guard values.count == columnCount else { return nil }
    let binding = bindingColumn.indices.max {
      values[bindingColumn[$0]] < values[bindingColumn[$1]]
    }
    guard let binding else { return nil }
    let options = optionColumn.map { group in
      group.indices.max { values[group[$0][binding]] < values[group[$1][binding]] } ?? 0
    }
    return AllocationSelection(binding: binding, options: options)
  }
}
