/// How a sweep runs: strategy, limits, parallelism, output folder.
public struct SweepSettings: Sendable {
  public var strategy: String
  /// Most evaluations in total, journal rows from earlier runs included.
  public var budget: Int?
  /// Wall-clock limit of this invocation, in seconds.
  public var timeLimitSeconds: Double?
  /// Parallel evaluators; results do not depend on it.
  public var jobs: Int
  public var seed: UInt64
  public var outputFolder: String
  /// Continue the run in `outputFolder` instead of refusing a non-empty folder.
  public var resume: Bool
  public var shardIndex: Int
  public var shardCount: Int
  /// Configurations per ask/tell round; results depend on it, so it is recorded.
  public var batchSize: Int
  /// Strategy options as text.
  public var options: [String: String]

  public init(
    strategy: String, budget: Int?, timeLimitSeconds: Double?, jobs: Int, seed: UInt64,
    outputFolder: String, resume: Bool = false, shardIndex: Int = 0, shardCount: Int = 1,
    batchSize: Int = 8, options: [String: String] = [:]
  ) {
    self.strategy = strategy
    self.budget = budget
    self.timeLimitSeconds = timeLimitSeconds
    self.jobs = jobs
    self.seed = seed
    self.outputFolder = outputFolder
    self.resume = resume
    self.shardIndex = shardIndex
    self.shardCount = shardCount
    self.batchSize = batchSize
    self.options = options
  }
}

/// A snapshot of a running sweep, passed to the progress callback after every batch.
public struct SweepProgress: Sendable {
  public var evaluations: Int
  /// Rows replayed from an earlier run's journal.
  public var replayed: Int
  public var feasible: Int
  public var budget: Int?
  public var elapsedSeconds: Double
  /// Best value of each objective among feasible points so far (NaN before the first).
  public var best: [Double]
  /// Hypervolume of the current front against `reference`, in minimisation form.
  public var hypervolume: Double
  public var frontSize: Int
}

/// How a sweep ended.
public enum SweepEnd: String, Sendable {
  /// Written into `run.json` at the start, so a killed run still records its settings.
  case running
  case budgetReached = "budget_reached"
  case timeLimit = "time_limit"
  case strategyFinished = "strategy_finished"
  case interrupted
}

/// The summary of a finished or stopped sweep.
public struct SweepSummary: Sendable {
  public var end: SweepEnd
  public var evaluations: Int
  public var replayed: Int
  public var feasible: Int
  public var frontSize: Int
  public var hypervolume: Double
  public var elapsedSeconds: Double
}
