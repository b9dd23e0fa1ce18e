import Testing

@testable import Explore

/// `AllocationSolver` on small synthetic problems, against enumeration of every selection.
@Suite("ILP allocation solver")
struct ILPAllocationSolverTests {
  /// Two groups of four options feeding a two-kernel stream, two memory bindings that trade
  /// BRAM for URAM, and a DSP row. Faster options cost more DSP and memory.
  static func problem() -> AllocationProblem {
    let latencies: [[Double]] = [[400, 200, 120, 100], [300, 160, 90, 60]]
    let dsp: [[Double]] = [[1, 4, 8, 16], [2, 4, 12, 20]]
    let groups = (0..<2).map { group in
      AllocationGroup(
        variables: [group], options: (0..<4).map { [$0] }, kernels: ["k\(group)"])
    }
    let none = LatencyTerm(group: nil, cycles: [0])
    let stage = LatencyStage(
      weight: 2,
      latency: latencies.indices.map { LatencyTerm(group: $0, cycles: latencies[$0]) },
      delay: [LatencyTerm(group: 0, cycles: [300, 150, 90, 75]), none],
      lag: [none, none],
      tail: [LatencyTerm(group: nil, cycles: [5]), LatencyTerm(group: 1, cycles: [8, 4, 2, 1])],
      edges: [StageEdge(producer: 0, consumer: 1, arrival: none, waited: none)])
    // BRAM18K and URAM blocks per group and option, before the binding picks one of them.
    var bram: [[Double]] = []
    var uram: [[Double]] = []
    for group in 0..<2 {
      bram.append((0..<4).map { option -> Double in Double(2 + option + group) })
      uram.append((0..<4).map { option -> Double in Double(1 + option / 2) })
    }
    let rows: [ResourceRow] = [
      ResourceRow(
        name: "dsp", cap: 100, constant: [3, 3],
        amounts: dsp.map { group in group.map { value -> [Double] in [value, value] } }),
      ResourceRow(
        name: "bram18k", cap: 9, constant: [1, 0],
        amounts: bram.map { group in group.map { value -> [Double] in [value, 0] } }),
      ResourceRow(
        name: "uram", cap: 3, constant: [0, 1],
        amounts: uram.map { group in group.map { value -> [Double] in [0, value] } }),
    ]
    return AllocationProblem(
      base: [0, 0, 0], groups: groups, bindingVariables: [2], bindings: [[0], [1]],
      stages: [stage], resources: rows, millisecondsPerCycle: 0.001)
  }

  static func selections(_ problem: AllocationProblem) -> [AllocationSelection] {
    (0..<2).flatMap { binding in
      (0..<4).flatMap { first in
        (0..<4).map { AllocationSelection(binding: binding, options: [first, $0]) }
      }
    }
  }

  @Test("stage time is the earliest schedule")
  func stageTime() {
    let problem = Self.problem()
    let selection = AllocationSelection(binding: 0, options: [1, 2])
    // Kernel 1 starts at 150 and ends at max(150 + 90, 200 + 2) = 240.
    #expect(problem.stages[0].cycles(selection) == 240)
    #expect(abs(problem.latencyEstimate(selection) - 0.48) < 1e-12)
  }

  @Test("exact solve matches enumeration", arguments: [6.0, 12, 20, 30, 100])
  func matchesEnumeration(dspCap: Double) throws {
    let problem = Self.problem()
    var caps = problem.resources.map(\.cap)
    caps[0] = dspCap
    let feasible = Self.selections(problem).filter { problem.isFeasible($0, caps: caps) }
    let best = try #require(feasible.map(problem.latencyEstimate).min())

    let exact = try #require(
      AllocationSolver.solve(problem, caps: caps, exact: true, timeLimitSeconds: 5))
    #expect(problem.isFeasible(exact.selection, caps: caps))
    #expect(abs(exact.achieved - best) < 1e-9)
    #expect(exact.provenOptimal)
    #expect(exact.lpBound <= best + 1e-9)
    #expect(exact.configuration[2] == problem.bindings[exact.selection.binding][0])

    let heuristic = try #require(
      AllocationSolver.solve(problem, caps: caps, exact: false, timeLimitSeconds: 5))
    #expect(problem.isFeasible(heuristic.selection, caps: caps))
    #expect(heuristic.achieved >= best - 1e-9)
    #expect(heuristic.lpBound <= best + 1e-9)
  }

  @Test("caps below every selection give no solution")
  func infeasibleCaps() {
    let problem = Self.problem()
    var caps = problem.resources.map(\.cap)
    caps[0] = 4
    #expect(AllocationSolver.solve(problem, caps: caps, exact: false, timeLimitSeconds: 1) == nil)
  }
}
