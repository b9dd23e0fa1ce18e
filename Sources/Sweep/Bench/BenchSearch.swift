import Dispatch
import Explore
import Foundation
import StreamTune

/// The part of one evaluation of a search run that the benchmark keeps.
struct BenchObservation: Sendable {
  /// Objective values in each objective's own direction.
  var objectives: [Double]
  var feasible: Bool
  var dsp: Double
  /// End-to-end latency of the tracked request, in milliseconds (NaN when the workload does
  /// not have it).
  var requestLatencyMs: Double
}

/// One strategy run with one seed: every evaluation in proposal order.
struct BenchRun: Sendable {
  var strategy: String
  var seed: UInt64
  var observations: [BenchObservation]
  /// Whether the strategy ran out of proposals before the budget.
  var finishedEarly: Bool
  /// The reason the strategy could not start on the space, or `nil`.
  var failure: String?
  /// Whether the time limit stopped the run before its budget.
  var timeLimited = false
  /// Whether this run is a copy of the first seed's run of a strategy that ignores its seed.
  var copied = false
  /// Wall-clock seconds of the run, evaluations included.
  var seconds = 0.0
}

/// Runs strategies over a search space in-process, ask/tell without a journal, for the
/// `search_quality` and `versus_streamtensor` sections.
///
/// A strategy runs on the space's own variables, with the allocation oracle that `ilp`
/// needs. The `streamtensor` strategy searches the preset's knobs, so it runs on a
/// `StreamTensorKnobSpace` of the same space and its configurations are evaluated as preset
/// designs. Any other strategy the registry has at run time takes part on the space's
/// variables. Strategies run with their default options and the sweep's default batch of 8.
struct BenchSearch: Sendable {
  let space: SearchSpace
  let evaluator: SpaceEvaluator
  let oracle: CostModelAllocationOracle
  let directions: [Direction]
  /// The request whose latency `requestLatencyMs` records.
  let trackedRequest: Request?
  static let batchSize = 8
  /// Strategies that search the StreamTensor preset's knobs instead of the space's variables,
  /// run on a `StreamTensorKnobSpace` as `streamtune sweep` runs them.
  static let knobStrategies: Set<String> = ["streamtensor"]

  init(space: SearchSpace, trackedRequest: Request?) {
    self.space = space
    evaluator = SpaceEvaluator(space: space)
    oracle = CostModelAllocationOracle(searchSpace: space, costModel: evaluator.model)
    directions = space.objectives.map { $0.direction == .maximize ? .maximize : .minimize }
    self.trackedRequest = trackedRequest
  }

  /// Runs every (strategy, seed) pair, spreading the runs over `workers` threads.
  ///
  /// Each run is sequential and seeded, so its result does not depend on `workers` (unless
  /// the time limit cuts it). The first two seeds run for every strategy. A strategy whose
  /// two runs propose the same designs ignores its seed (exhaustive enumeration, a fixed
  /// grid), so its other seeds reuse the first run instead of repeating it, marked `copied`.
  ///
  /// - Parameters:
  ///   - timeLimit: Wall-clock seconds after which a run stops at the next batch.
  func runAll(
    strategies: [String], seeds: [UInt64], budget: Int, timeLimit: Double, workers: Int
  ) -> [BenchRun] {
    let firstSeeds = Array(seeds.prefix(2))
    let first = runPairs(
      strategies.flatMap { name in firstSeeds.map { (name, $0) } }, budget: budget,
      timeLimit: timeLimit, workers: workers)
    var seedIndependent = Set<String>()
    for strategy in strategies where firstSeeds.count == 2 {
      let pair = first.filter { $0.strategy == strategy }
      if pair.count == 2, Self.sameDesigns(pair[0], pair[1]) { seedIndependent.insert(strategy) }
    }
    let remaining = seeds.dropFirst(2)
    let rest = runPairs(
      strategies.filter { !seedIndependent.contains($0) }.flatMap { name in
        remaining.map { (name, $0) }
      }, budget: budget, timeLimit: timeLimit, workers: workers)

    var runs: [BenchRun] = []
    for strategy in strategies {
      let own = first.filter { $0.strategy == strategy }
      runs += own
      if seedIndependent.contains(strategy) {
        let longest = own.max { $0.observations.count < $1.observations.count }!
        for seed in remaining {
          var copy = longest
          copy.seed = seed
          copy.copied = true
          runs.append(copy)
        }
      } else {
        runs += rest.filter { $0.strategy == strategy }
      }
    }
    return runs
  }

  /// Reports whether two runs evaluated the same designs in the same order, up to the
  /// shorter run's length (a time limit may cut one of them earlier).
  static func sameDesigns(_ first: BenchRun, _ second: BenchRun) -> Bool {
    guard first.failure == nil, second.failure == nil else { return false }
    return zip(first.observations, second.observations).allSatisfy { a, b in
      a.feasible == b.feasible && a.dsp == b.dsp && a.objectives == b.objectives
    }
  }

  private func runPairs(
    _ pairs: [(String, UInt64)], budget: Int, timeLimit: Double, workers: Int
  ) -> [BenchRun] {
    guard !pairs.isEmpty else { return [] }
    let box = RunBox(count: pairs.count)
    let threads = max(1, min(workers, pairs.count))
    DispatchQueue.concurrentPerform(iterations: threads) { _ in
      while let position = box.claim() {
        let (name, seed) = pairs[position]
        box.store(position, run(strategy: name, seed: seed, budget: budget, timeLimit: timeLimit))
      }
    }
    return box.values()
  }

  /// Runs one strategy until the budget, until it has nothing more to propose, or until the
  /// time limit has passed at the end of a batch.
  func run(strategy name: String, seed: UInt64, budget: Int, timeLimit: Double = .infinity)
    -> BenchRun
  {
    let start = DispatchTime.now().uptimeNanoseconds
    let elapsed = { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
    var run = runUntimed(strategy: name, seed: seed, budget: budget) { elapsed() >= timeLimit }
    run.seconds = elapsed()
    return run
  }

  private func runUntimed(
    strategy name: String, seed: UInt64, budget: Int, outOfTime: () -> Bool
  ) -> BenchRun {
    var strategy: any SearchStrategy
    let evaluate: ([Int]) -> SpaceEvaluation
    do {
      (strategy, evaluate) = try makeStrategy(name, seed: seed, budget: budget)
    } catch {
      return BenchRun(
        strategy: name, seed: seed, observations: [], finishedEarly: true,
        failure: error.description)
    }

    var observations: [BenchObservation] = []
    var finishedEarly = false
    var timeLimited = false
    while observations.count < budget {
      if outOfTime() {
        timeLimited = true
        break
      }
      let batch = strategy.ask(count: min(Self.batchSize, budget - observations.count))
      if batch.isEmpty {
        finishedEarly = true
        break
      }
      var observed: [Observation] = []
      for configuration in batch {
        let evaluation = evaluate(configuration)
        let observation = observe(evaluation)
        observations.append(observation)
        observed.append(
          Observation(
            configuration: configuration, objectives: observation.objectives,
            feasible: evaluation.feasible, violation: evaluation.violation))
      }
      strategy.tell(observed)
    }
    return BenchRun(
      strategy: name, seed: seed, observations: observations, finishedEarly: finishedEarly,
      failure: nil, timeLimited: timeLimited)
  }

  /// Creates a strategy by name, with the evaluation of its configurations.
  ///
  /// - Throws: `StrategyError` when the strategy cannot start on this space.
  private func makeStrategy(_ name: String, seed: UInt64, budget: Int) throws(StrategyError) -> (
    any SearchStrategy, ([Int]) -> SpaceEvaluation
  ) {
    guard Self.knobStrategies.contains(name) else {
      let strategy = try StrategyRegistry.make(
        name: name, space: space.design, directions: directions, seed: seed, budget: budget,
        options: [:], oracle: oracle)
      return (strategy, { [evaluator] in evaluator.evaluate(assignment: $0) })
    }
    let knobs: StreamTensorKnobSpace
    do {
      knobs = try StreamTensorKnobSpace(searchSpace: space, options: [:])
    } catch {
      throw .invalidOptions(error)
    }
    let strategy = try StrategyRegistry.make(
      name: name, space: knobs, directions: directions, seed: seed, budget: budget, options: [:])
    return (strategy, { [evaluator] in evaluator.evaluate(point: knobs.designPoint(for: $0)) })
  }

  private func observe(_ evaluation: SpaceEvaluation) -> BenchObservation {
    let objectives = space.objectives.map {
      SpaceEvaluator.value(of: $0.metric, in: evaluation.metrics)
    }
    let tracked = evaluation.metrics.requests.first { $0.request == trackedRequest }
    return BenchObservation(
      objectives: objectives, feasible: evaluation.feasible,
      dsp: Double(evaluation.metrics.dsp), requestLatencyMs: tracked?.latencyMs ?? .nan)
  }
}

/// Per-position run slots written by several threads, each slot by exactly one, and the
/// queue of positions not yet claimed (so a thread that finishes early takes the next run).
private final class RunBox: @unchecked Sendable {
  private var slots: [BenchRun?]
  private var next = 0
  private let lock = NSLock()

  func claim() -> Int? {
    lock.lock()
    defer { lock.unlock() }
    guard next < slots.count else { return nil }
    next += 1
    return next - 1
  }

  init(count: Int) {
    slots = Array(repeating: nil, count: count)
  }

  func store(_ position: Int, _ run: BenchRun) {
    lock.lock()
    slots[position] = run
    lock.unlock()
  }

  func values() -> [BenchRun] {
    lock.lock()
    defer { lock.unlock() }
    return slots.map { $0! }
  }
}
