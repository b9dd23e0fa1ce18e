import Explore
import Foundation
import StreamTune
import Testing

@testable import Sweep

/// The bench sections on the shipped tiny search space, at sizes that run in seconds.
@Suite("Bench sections", .serialized)
struct BenchSectionsTests {
  static let folder: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path + "/SearchSpaces"
  }()

  /// Returns quick settings shrunk further, with the tiny space in place of the large one.
  func tinySettings() -> BenchSettings {
    var settings = BenchSettings.standard(quick: true, searchSpacesFolder: Self.folder)
    settings.repeats = 1
    settings.costModelDesigns = 8
    settings.costModelSeconds = 0.01
    settings.seeds = [1]
    settings.smallCheckpoints = [10, 700]
    settings.largeCheckpoints = [10, 40]
    settings.versusBudget = 40
    settings.largeSpace = "tiny-block.json"
    settings.strategies = ["random", "exhaustive"]
    return settings
  }

  @Test("cost-model row has positive throughputs")
  func costModelRow() throws {
    let settings = tinySettings()
    let space = try CostModelBench.load(settings.spacePath("tiny-block.json"))
    let assignments = CostModelBench.randomAssignments(space.design, count: 8)
    #expect(assignments.count == 8)
    #expect(Set(assignments).count == 8)
    #expect(assignments == CostModelBench.randomAssignments(space.design, count: 8))
    let row = CostModelBench.measure(
      name: "tiny", space: space, assignments: assignments, settings: settings)
    #expect(row.count == 9)
    #expect(row[4] == "8")
    let cold = try #require(Double(row[6]))
    let warm = try #require(Double(row[7]))
    #expect(cold > 0)
    #expect(cold.isFinite)
    #expect(warm > 0)
    #expect(warm.isFinite)
  }

  @Test("variant config resizes the block")
  func variantConfig() throws {
    let space = try CostModelBench.load(Self.folder + "/gpt2-medium-u55c.json")
    let config = CostModelBench.gpt2LikeConfig(space.model, hidden: 512)
    #expect(config.hiddenSize == 512)
    #expect(config.attentionHeads == 8)
    #expect(config.headDimension * config.attentionHeads == 512)
    #expect(config.intermediateSize == 2048)
    #expect(config.layers == space.model.layers)
  }

  @Test("shipped spaces are listed without the schema")
  func shippedSpaces() throws {
    let names = try CostModelBench.shippedSpaces(Self.folder)
    #expect(names.contains("tiny-block.json"))
    #expect(!names.contains("schema.json"))
    #expect(names == names.sorted())
  }

  @Test("FIFO LP of a block solves within its arcs")
  func fifoProgram() throws {
    let space = try CostModelBench.load(Self.folder + "/tiny-block.json")
    let problem = SolverBench.fifoProblem(space.prefillGraph)
    #expect(problem.nodeCount == space.prefillGraph.kernels.count)
    let times = try problem.solve()
    for arc in problem.arcs {
      #expect(times[arc.to] - times[arc.from] >= arc.minimumDelay - 1e-6)
    }
  }

  @Test("search quality on the tiny space reaches the true front")
  func searchQuality() throws {
    let settings = tinySettings()
    let outcome = try SearchQualityBench.smallSpaceOutcome(
      settings, strategies: ["random", "exhaustive"])
    let header = SearchQualityBench.header
    let strategyColumn = try #require(header.firstIndex(of: "strategy"))
    let checkpointColumn = try #require(header.firstIndex(of: "checkpoint_evaluations"))
    let ratioColumn = try #require(header.firstIndex(of: "hypervolume_ratio"))
    let doneColumn = try #require(header.firstIndex(of: "evaluations_done"))
    #expect(outcome.rows.count == 4)
    for row in outcome.rows {
      let ratio = try #require(Double(row[ratioColumn]))
      #expect(ratio >= 0)
      #expect(ratio <= 1 + 1e-12)
    }
    let exhaustiveAll = try #require(
      outcome.rows.first { $0[strategyColumn] == "exhaustive" && $0[checkpointColumn] == "700" })
    #expect(Double(exhaustiveAll[ratioColumn]) == 1)
    #expect(exhaustiveAll[doneColumn] == "672")
    #expect(outcome.plot.contains("<polyline"))
    #expect(outcome.medians.table.rows.count == 2)
  }

  @Test("reference point lies past the worst value")
  func referencePoint() throws {
    let points: [[Double]] = [[1, 10], [3, 4], [2, 8]]
    let reference = try #require(
      SearchQualityBench.referencePoint(points, [.minimize, .maximize]))
    #expect(abs(reference[0] - 3.2) < 1e-12)
    #expect(abs(reference[1] - 3.4) < 1e-12)
    #expect(SearchQualityBench.referencePoint([], [.minimize]) == nil)
  }

  @Test("versus streamtensor caps DSP at the baseline")
  func versusStreamTensor() {
    func observation(_ latency: Double, dsp: Double, feasible: Bool = true) -> BenchObservation {
      BenchObservation(
        objectives: [latency, dsp], feasible: feasible, dsp: dsp, requestLatencyMs: latency)
    }
    let runs = [
      BenchRun(
        strategy: "streamtensor", seed: 1,
        observations: [observation(10, dsp: 500), observation(12, dsp: 300)],
        finishedEarly: true, failure: nil),
      BenchRun(
        strategy: "anneal", seed: 1,
        observations: [
          observation(4, dsp: 900), observation(8, dsp: 480),
          observation(1, dsp: 100, feasible: false),
        ], finishedEarly: false, failure: nil),
      BenchRun(
        strategy: "random", seed: 1, observations: [observation(20, dsp: 900)],
        finishedEarly: false, failure: nil),
    ]
    var settings = tinySettings()
    settings.seeds = [1]
    let result = VersusStreamTensorBench.run(settings, runs: runs)
    let rows = result.tables[0].table.rows
    let anneal = rows.first { $0[0] == "anneal" }
    #expect(anneal?[2] == "1")
    #expect(anneal?[6] == "0.8")
    let random = rows.first { $0[0] == "random" }
    #expect(random?[2] == "0")
    let baseline = rows.first { $0[0] == "streamtensor" }
    #expect(baseline?[6] == "1")
  }

  @Test("versus streamtensor with infeasible baseline")
  func infeasibleBaseline() {
    let runs = [
      BenchRun(
        strategy: "streamtensor", seed: 1,
        observations: [
          BenchObservation(objectives: [10, 500], feasible: false, dsp: 500, requestLatencyMs: 10)
        ], finishedEarly: true, failure: nil),
      BenchRun(
        strategy: "nsga2", seed: 1,
        observations: [
          BenchObservation(objectives: [15, 400], feasible: true, dsp: 400, requestLatencyMs: 15)
        ], finishedEarly: false, failure: nil),
    ]
    let result = VersusStreamTensorBench.run(tinySettings(), runs: runs)
    let rows = result.tables[0].table.rows
    #expect(rows.first { $0[0] == "nsga2" }?[6] == "1.5")
    #expect(rows.first { $0[0] == "streamtensor" }?[2] == "0")
    #expect(result.tables[0].notes.contains { $0.contains("infeasible baseline") })
  }

  @Test("bench search runs knob-space strategies")
  func knobStrategy() throws {
    guard StrategyRegistry.names.contains("streamtensor") else { return }
    let space = try CostModelBench.load(Self.folder + "/tiny-block.json")
    let search = BenchSearch(space: space, trackedRequest: space.workload.requests.first)
    let run = search.run(strategy: "streamtensor", seed: 1, budget: 5)
    #expect(run.failure == nil)
    #expect(run.observations.count == 5)
    #expect(run.observations.allSatisfy { $0.requestLatencyMs.isFinite })
  }

  @Test("bench search reports strategies that cannot start")
  func strategyFailure() throws {
    let space = try CostModelBench.load(Self.folder + "/tiny-block.json")
    let search = BenchSearch(space: space, trackedRequest: nil)
    let unknown = search.run(strategy: "no-such-strategy", seed: 1, budget: 5)
    #expect(unknown.failure != nil)
    #expect(unknown.observations.isEmpty)
  }

  @Test("seed-independent strategies reuse the first run")
  func copiedSeeds() throws {
    let space = try CostModelBench.load(Self.folder + "/tiny-block.json")
    let search = BenchSearch(space: space, trackedRequest: nil)
    let runs = search.runAll(
      strategies: ["exhaustive", "random"], seeds: [1, 2, 3], budget: 16, timeLimit: 60,
      workers: 2)
    #expect(
      runs.map(\.strategy) == [
        "exhaustive", "exhaustive", "exhaustive", "random", "random", "random",
      ])
    #expect(runs.map(\.seed) == [1, 2, 3, 1, 2, 3])
    #expect(runs.map(\.copied) == [false, false, true, false, false, false])
    #expect(runs.allSatisfy { $0.observations.count == 16 })
  }

  @Test("runner writes the solver section")
  func runnerSolvers() throws {
    let runner = BenchRunner(settings: tinySettings(), executable: nil)
    let result = try runner.run(.solvers)
    #expect(result.section == .solvers)
    #expect(
      result.tables[0].table.rows.map { $0[0] } == [
        "fifo_lp", "allocation_lp_relaxation", "allocation_milp",
      ])
    #expect(result.seconds > 0)
    #expect(throws: BenchError.self) { try runner.run(.memory) }
  }
}
