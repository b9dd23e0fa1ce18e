import Explore
import Foundation
import Numerics
import StreamTune

/// The `solvers` section: CLP and CBC solve times of the programs the tool builds.
///
/// The FIFO LP is a `StartTimeProblem` on the large space's prefill block (one node per
/// kernel, one arc per edge), with seeded delays and weights. The residual connections close
/// undirected cycles, so CLP solves it rather than the exact pass for forests. The allocation program is a multiple-choice MILP:
/// every kernel picks one of its options (binary variables, one equality row per kernel)
/// under DSP, BRAM, LUT and URAM rows, minimising the slowest kernel's cycles (a continuous
/// variable bounded below by every kernel's cycles).
enum SolverBench {
  static let seed: UInt64 = 0x5017_E55E

  static func run(_ settings: BenchSettings) throws(BenchError) -> BenchSectionResult {
    let space = try CostModelBench.load(settings.spacePath(settings.largeSpace))
    let fifo = fifoProblem(space.prefillGraph)
    let allocation = allocationProgram(
      kernels: settings.allocationKernels, options: settings.allocationOptions)
    let solvesPerRepeat = settings.quick ? 5 : 20

    var rows: [[String]] = []
    let fifoMs = try timeMs(repeats: settings.repeats, solves: solvesPerRepeat) {
      () throws(SolverError) in _ = try fifo.solve()
    }
    rows.append([
      "fifo_lp", fifo.isForest ? "exact forest pass" : "CLP", String(fifo.nodeCount),
      String(fifo.arcs.count), BenchStatistics.format(fifoMs), "",
    ])
    let relaxationMs = try timeMs(repeats: settings.repeats, solves: solvesPerRepeat) {
      () throws(SolverError) in _ = try allocation.solveRelaxation()
    }
    let milpMs = try timeMs(repeats: settings.repeats, solves: max(1, solvesPerRepeat / 4)) {
      () throws(SolverError) in _ = try allocation.solve()
    }
    let shape = (String(allocation.variableCount), String(allocation.constraintCount))
    rows.append([
      "allocation_lp_relaxation", "CLP", shape.0, shape.1, BenchStatistics.format(relaxationMs),
      "",
    ])
    rows.append([
      "allocation_milp", "CBC", shape.0, shape.1, BenchStatistics.format(milpMs),
      BenchStatistics.format(milpMs / relaxationMs, digits: 3),
    ])

    let table = BenchTable(
      name: "solvers", title: "LP and MILP solve times",
      table: CSVTable(
        header: ["program", "solver", "variables", "constraints", "solve_ms", "over_relaxation"],
        rows: rows),
      notes: [
        "Median over \(settings.repeats) repeats of the mean of several solves, wall clock, one thread; CBC runs under the process-wide CBC lock.",
        "fifo_lp: the start-time LP of \(settings.largeSpace)'s prefill block (variables are kernels, constraints are edges). allocation: \(settings.allocationKernels) kernels × \(settings.allocationOptions) options with 4 resource rows; over_relaxation is the MILP time over its LP relaxation's.",
      ])
    let summary = rows.map { "solvers \($0[0]) (\($0[1]), \($0[2]) variables): \($0[4]) ms" }
    return BenchSectionResult(section: .solvers, tables: [table], summary: summary)
  }

  /// Times a solve: the median over repeats of the mean milliseconds of `solves` calls.
  static func timeMs(
    repeats: Int, solves: Int, _ solve: () throws(SolverError) -> Void
  ) throws(BenchError) -> Double {
    var times: [Double] = []
    do {
      try solve()
      for _ in 0..<repeats {
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<solves { try solve() }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        times.append(seconds * 1000 / Double(solves))
      }
    } catch {
      throw BenchError("a benchmark program failed to solve: \(error)")
    }
    return BenchStatistics.median(times)
  }

  /// Builds the start-time LP of a block, with seeded minimum delays of 100 to 5,000 cycles
  /// and weights of 8 to 512 bits per cycle.
  static func fifoProblem(_ graph: BlockGraph) -> StartTimeProblem {
    var generator = Xoshiro256(seed: seed)
    let arcs = graph.edges.map { edge in
      StartTimeProblem.Arc(
        from: edge.producer, to: edge.consumer,
        minimumDelay: Double(Int.random(in: 100...5_000, using: &generator)),
        weight: Double(Int.random(in: 8...512, using: &generator)))
    }
    return StartTimeProblem(nodeCount: graph.kernels.count, arcs: arcs)
  }

  /// Builds a seeded multiple-choice allocation MILP.
  ///
  /// Option o of kernel k has 2^o lanes: its cycles halve and its DSP, LUT and BRAM grow with
  /// the lanes. Each cap is the use of every kernel's smallest option plus 40 % of the way to
  /// every kernel's largest, so the program is feasible, the caps bind, and the solver must
  /// trade lanes between kernels.
  static func allocationProgram(kernels: Int, options: Int) -> MixedIntegerProgram {
    var generator = Xoshiro256(seed: seed &+ 1)
    let choiceCount = kernels * options
    let slowest = choiceCount
    var program = MixedIntegerProgram(variableCount: choiceCount + 1)
    program.objective[slowest] = 1
    program.timeLimitSeconds = 10

    var usage = [[Double]](repeating: [Double](repeating: 0, count: choiceCount), count: 4)
    for kernel in 0..<kernels {
      let work = Double(Int.random(in: 10_000...2_000_000, using: &generator))
      let dspPerLane = Double(Int.random(in: 1...8, using: &generator))
      let bramBase = Double(Int.random(in: 2...64, using: &generator))
      var cyclesRow: [(index: Int, coefficient: Double)] = [(slowest, 1)]
      var choiceRow: [(index: Int, coefficient: Double)] = []
      for option in 0..<options {
        let variable = kernel * options + option
        let lanes = Double(1 << option)
        program.isInteger[variable] = true
        program.upperBounds[variable] = 1
        choiceRow.append((variable, 1))
        cyclesRow.append((variable, -work / lanes))
        usage[0][variable] = dspPerLane * lanes
        usage[1][variable] = bramBase + lanes / 2
        usage[2][variable] = 300 * lanes + 1_000
        usage[3][variable] = option >= options - 2 ? 2 : 0
      }
      program.addConstraint(choiceRow, lower: 1, upper: 1)
      program.addConstraint(cyclesRow, lower: 0)
    }
    for resource in usage.indices {
      var smallest = 0.0
      var largest = 0.0
      for kernel in 0..<kernels {
        smallest += usage[resource][kernel * options]
        largest += usage[resource][kernel * options + options - 1]
      }
      let terms = (0..<choiceCount).map { (index: $0, coefficient: usage[resource][$0]) }
      program.addConstraint(terms, upper: smallest + 0.4 * (largest - smallest))
    }
    return program
  }
}
