import Foundation

/// Resource allocation by integer programming, swept over DSP budgets.
///
/// For each outer configuration (tiles, loop orders, fusion and the other variables that are
/// not allocation variables), the allocation oracle gives a multiple-choice problem: one
/// option per group of unroll and channels variables, one memory binding, minimising a
/// latency estimate (the sum over phases and regions of the slowest kernel) under the
/// device's resource caps, its DMA channels and the lane budget. `AllocationSolver` solves it
/// at `budget_steps` DSP caps spaced geometrically from the smallest DSP use of any selection
/// to the DSP use of the best selection under the device cap (an ε-constraint sweep), so the
/// proposals trace the trade-off between DSP and latency. Each solution becomes a full
/// configuration that the runner evaluates with the cost model like any proposal.
///
/// `bounds` lists, for every proposed configuration, the LP lower bound, the latency estimate
/// achieved and their gap.
public struct ILPStrategy: SearchStrategy {
  public static let optionSpecs: [OptionSpec] = [
    OptionSpec(
      "outer", .choice(["enumerate", "sample"]), default: "enumerate",
      help: "visit every outer configuration in a stable order, or a seeded sample of them"),
    OptionSpec(
      "outer_samples", .integer(1...1_000_000), default: "64",
      help: "outer configurations drawn when outer=sample"),
    OptionSpec(
      "budget_steps", .integer(1...256), default: "8",
      help: "DSP caps solved per outer configuration"),
    OptionSpec(
      "exact", .flag, default: "false",
      help: "also solve each integer program with CBC, keeping the better selection"),
    OptionSpec(
      "time_limit_s", .real(0.01...3600), default: "2",
      help: "CBC time limit per integer program, in seconds (with exact=true)"),
  ]

  public let name = "ilp"
  private let space: any EncodedSpace
  private let oracle: any AllocationOracle
  private var outer: ILPOuterSource
  private let budgetSteps: Int
  private let exact: Bool
  private let timeLimitSeconds: Double
  private var pending: [[Int]] = []
  private var proposed = Set<[Int]>()
  /// Every proposed configuration with its bounds, in proposal order.
  public private(set) var bounds: [AllocationSolution] = []
  /// Outer configurations whose allocation problem was solved.
  public private(set) var outerVisited = 0
  public private(set) var isFinished = false

  /// Creates the strategy.
  ///
  /// - Throws: `StrategyError.cannotStart` when the context has no allocation oracle.
  public init(
    context: StrategyContext, shardIndex: Int = 0, shardCount: Int = 1
  ) throws(StrategyError) {
    guard let oracle = context.oracle else {
      throw .cannotStart(
        "the ilp strategy needs the cost model of a search space; "
          + "run it through a sweep of a search-space file")
    }
    self.space = context.space
    self.oracle = oracle
    let mode: ILPOuterSource.Mode =
      context.options.choice("outer") == "sample"
      ? .sample(count: context.options.integer("outer_samples")) : .enumerate
    outer = ILPOuterSource(
      space: context.space, allocationVariables: oracle.allocationVariables, mode: mode,
      seed: context.seed, shardIndex: shardIndex, shardCount: shardCount)
    budgetSteps = context.options.integer("budget_steps")
    exact = context.options.flag("exact")
    timeLimitSeconds = context.options.real("time_limit_s")
  }

  public mutating func ask(count: Int) -> [[Int]] {
    while pending.count < count, let configuration = outer.next() {
      guard let problem = oracle.problem(outer: configuration) else { continue }
      outerVisited += 1
      for solution in Self.sweep(
        problem, steps: budgetSteps, exact: exact, timeLimitSeconds: timeLimitSeconds)
      {
        let candidate = space.canonical(solution.configuration)
        guard space.isValid(candidate), proposed.insert(candidate).inserted else { continue }
        var record = solution
        record.configuration = candidate
        bounds.append(record)
        pending.append(candidate)
      }
    }
    let batch = Array(pending.prefix(count))
    pending.removeFirst(batch.count)
    if batch.isEmpty { isFinished = true }
    return batch
  }

  public mutating func tell(_ observations: [Observation]) {}

  /// Solves a problem at `steps` DSP caps, from the smallest DSP use of any selection to the
  /// DSP use of the best selection under the device's caps, spaced geometrically.
  ///
  /// - Returns: The solutions in increasing cap order; caps with no feasible selection are
  ///   left out.
  public static func sweep(
    _ problem: AllocationProblem, steps: Int, exact: Bool, timeLimitSeconds: Double
  ) -> [AllocationSolution] {
    let deviceCaps = problem.resources.map(\.cap)
    guard
      let top = AllocationSolver.solve(
        problem, caps: deviceCaps, exact: exact, timeLimitSeconds: timeLimitSeconds)
    else { return [] }
    guard let dspRow = problem.resourceIndex(named: "dsp"), steps > 1 else { return [top] }

    let lowest = smallestUsage(problem, resource: dspRow)
    let highest = top.dsp
    guard highest > lowest else { return [top] }
    var solutions: [AllocationSolution] = []
    for step in 0..<(steps - 1) {
      let share = Double(step) / Double(steps - 1)
      let cap =
        lowest > 0
        ? lowest * pow(highest / lowest, share) : lowest + (highest - lowest) * share
      var caps = deviceCaps
      caps[dspRow] = min(caps[dspRow], cap)
      if let solution = AllocationSolver.solve(
        problem, caps: caps, exact: exact, timeLimitSeconds: timeLimitSeconds)
      {
        solutions.append(solution)
      }
    }
    solutions.append(top)
    return solutions
  }

  /// The smallest amount of a resource any selection uses, ignoring the other caps.
  static func smallestUsage(_ problem: AllocationProblem, resource: Int) -> Double {
    let row = problem.resources[resource]
    return problem.bindings.indices.map { binding in
      row.amounts.reduce(row.constant[binding]) { total, group in
        total + (group.map { $0[binding] }.min() ?? 0)
      }
    }.min() ?? 0
  }
}
