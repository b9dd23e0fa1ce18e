import Dispatch
import Explore
import Foundation

/// Errors that stop a sweep.
public enum SweepError: Error, Sendable, CustomStringConvertible {
  case strategy(StrategyError)
  case journal(Journal.Error)
  case lock(RunLock.Error)
  case folderNotEmpty(String)
  case nothingToResume(String)
  case replayMismatch(row: Int, detail: String)
  case io(String)

  public var description: String {
    switch self {
    case .strategy(let error): return error.description
    case .journal(let error): return error.description
    case .lock(let error): return error.description
    case .folderNotEmpty(let folder):
      return
        "\(folder) already holds a sweep; pass --resume to continue it or choose another --out"
    case .nothingToResume(let folder):
      return "\(folder) has no evaluations.csv to resume; run without --resume to start"
    case .replayMismatch(let row, let detail):
      return
        "evaluations.csv row \(row) does not match what the strategy proposes on replay (\(detail)); resume with the same search space, strategy, seed, options and batch size"
    case .io(let message): return message
    }
  }
}

/// Runs a strategy over a problem: parallel evaluation, journal, resume, limits.
///
/// Each round asks the strategy for `batchSize` configurations, evaluates them on `jobs`
/// threads, appends them to the journal in proposal order and tells the strategy. Because the
/// batch schedule does not depend on `jobs`, the results do not either. Resuming replays the
/// journal through a fresh strategy with the same seed and evaluates only what is missing.
public final class SweepRunner: @unchecked Sendable {
  public let problem: any SweepProblem
  public let settings: SweepSettings
  public let layout: SweepLayout
  private let stopRequested: @Sendable () -> Bool
  private let progress: @Sendable (SweepProgress) -> Void

  /// Creates a runner.
  ///
  /// - Parameters:
  ///   - problem: The space, metrics and evaluator.
  ///   - settings: Strategy, limits, parallelism and output folder.
  ///   - stopRequested: Polled between batches; return true to stop cleanly (signals).
  ///   - progress: Called after every batch with a snapshot.
  public init(
    problem: any SweepProblem, settings: SweepSettings,
    stopRequested: @escaping @Sendable () -> Bool = { false },
    progress: @escaping @Sendable (SweepProgress) -> Void = { _ in }
  ) {
    self.problem = problem
    self.settings = settings
    self.layout = SweepLayout(problem: problem, strategy: settings.strategy)
    self.stopRequested = stopRequested
    self.progress = progress
  }

  /// Runs the sweep until the budget, the time limit, the strategy's end or a stop request.
  ///
  /// - Returns: How the sweep ended, with counts.
  /// - Throws: `SweepError` for a busy or non-empty folder, a journal that does not match, or
  ///   an I/O failure. Evaluated rows stay in the journal whatever happens.
  public func run() throws(SweepError) -> SweepSummary {
    let start = Date()
    let folder = settings.outputFolder
    do {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    } catch {
      throw .io("cannot create \(folder): \(error.localizedDescription)")
    }
    let lock: RunLock
    do { lock = try RunLock(folder: folder) } catch { throw .lock(error) }
    defer { withExtendedLifetime(lock) {} }

    let journalPath = (folder as NSString).appendingPathComponent("evaluations.csv")
    let journalExists = FileManager.default.fileExists(atPath: journalPath)
    if journalExists, !settings.resume { throw .folderNotEmpty(folder) }
    if !journalExists, settings.resume { throw .nothingToResume(folder) }

    let journal: Journal
    let existingRows: [[String]]
    do {
      (journal, existingRows) = try Journal.open(path: journalPath, header: layout.header)
    } catch {
      throw .journal(error)
    }
    var replay: [(configuration: [Int], result: SweepResult)] = []
    for (offset, row) in existingRows.enumerated() {
      guard let decoded = layout.decode(row) else {
        throw .replayMismatch(row: offset + 2, detail: "a value cannot be read")
      }
      replay.append(decoded)
    }

    var strategy: any SearchStrategy
    do {
      strategy = try StrategyRegistry.make(
        name: settings.strategy, space: problem.space, directions: problem.directions,
        seed: settings.seed, budget: settings.budget,
        options: problem.strategyOptions(settings.options),
        shard: (settings.shardIndex, settings.shardCount), oracle: problem.allocationOracle)
    } catch {
      throw .strategy(error)
    }

    do {
      let starting = SweepSummary(
        end: .running, evaluations: replay.count, replayed: 0, feasible: 0, frontSize: 0,
        hypervolume: 0, elapsedSeconds: 0)
      try SweepOutputs.writeRunRecord(
        folder: folder, settings: settings, problem: problem, summary: starting, reference: nil,
        started: start)
    } catch {
      throw .io(error.description)
    }

    var state = RunState(problem: problem)
    var end = SweepEnd.strategyFinished
    while true {
      if let budget = settings.budget, state.evaluations >= budget {
        end = .budgetReached
        break
      }
      if let limit = settings.timeLimitSeconds, Date().timeIntervalSince(start) >= limit {
        end = .timeLimit
        break
      }
      if stopRequested() {
        end = .interrupted
        break
      }
      var count = settings.batchSize
      if let budget = settings.budget { count = min(count, budget - state.evaluations) }
      let batch = strategy.ask(count: count)
      if batch.isEmpty { break }

      var results = [SweepResult?](repeating: nil, count: batch.count)
      for position in batch.indices where state.evaluations + position < replay.count {
        let recorded = replay[state.evaluations + position]
        guard recorded.configuration == batch[position] else {
          throw .replayMismatch(
            row: state.evaluations + position + 2,
            detail: "recorded \(recorded.configuration), proposed \(batch[position])")
        }
        results[position] = recorded.result
      }
      let missing = batch.indices.filter { results[$0] == nil }
      let timed = evaluateInParallel(missing.map { batch[$0] })
      for (slot, position) in missing.enumerated() {
        results[position] = timed[slot].result
        let row = layout.encode(
          index: state.evaluations + position, configuration: batch[position],
          result: timed[slot].result, seconds: timed[slot].seconds)
        do { try journal.append(row) } catch { throw .journal(error) }
      }
      journal.sync()

      let finished = results.map { $0! }
      state.record(batch, finished, replayed: batch.count - missing.count)
      strategy.tell(
        zip(batch, finished).map { configuration, result in
          Observation(
            configuration: configuration, objectives: problem.objectives(of: result),
            feasible: result.feasible, violation: result.violation)
        })
      progress(state.snapshot(budget: settings.budget, elapsed: Date().timeIntervalSince(start)))
    }
    journal.sync()

    let summary = SweepSummary(
      end: end, evaluations: state.evaluations, replayed: state.replayed,
      feasible: state.feasible, frontSize: state.archive.members.count,
      hypervolume: state.hypervolume, elapsedSeconds: Date().timeIntervalSince(start))
    do {
      try SweepOutputs.writeFront(folder: folder, layout: layout, problem: problem)
      try SweepOutputs.writePlot(folder: folder, problem: problem)
      try SweepOutputs.writeRunRecord(
        folder: folder, settings: settings, problem: problem, summary: summary,
        reference: state.reference, started: start)
    } catch {
      throw .io(error.description)
    }
    return summary
  }

  /// Evaluates configurations on `settings.jobs` threads, keeping their order.
  private func evaluateInParallel(_ configurations: [[Int]]) -> [(
    result: SweepResult, seconds: Double
  )] {
    let count = configurations.count
    guard count > 0 else { return [] }
    let box = ResultBox(count: count)
    let workers = max(1, min(settings.jobs, count))
    let problem = self.problem
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
      var position = worker
      while position < count {
        let started = DispatchTime.now().uptimeNanoseconds
        let result = problem.evaluate(configurations[position])
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        box.store(position, (result, seconds))
        position += workers
      }
    }
    return box.values()
  }
}

/// Per-position result slots written by several threads, each slot by exactly one.
private final class ResultBox: @unchecked Sendable {
  private var slots: [(result: SweepResult, seconds: Double)?]
  private let lock = NSLock()

  init(count: Int) {
    slots = Array(repeating: nil, count: count)
  }

  func store(_ position: Int, _ value: (SweepResult, Double)) {
    lock.lock()
    slots[position] = value
    lock.unlock()
  }

  func values() -> [(result: SweepResult, seconds: Double)] {
    slots.map { $0! }
  }
}
