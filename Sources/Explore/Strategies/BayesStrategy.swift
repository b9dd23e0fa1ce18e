/// Multi-objective Bayesian optimisation: a Gaussian-process surrogate of a randomly
/// scalarised objective (ParEGO), with expected improvement maximised over a pool of
/// candidates and batches filled by the kriging believer.
///
/// The strategy first evaluates `initial_points` random valid configurations. Each later
/// batch element draws its own weights, scores every observation with the augmented
/// Chebyshev scalarisation of the normalised objectives, conditions the process on those
/// scores and picks the unseen candidate with the highest expected improvement. Points chosen
/// earlier in the batch, and pending points (proposed but not yet observed), enter the model
/// at their posterior mean, so later elements look elsewhere. Infeasible observations are modelled
/// with a penalty worse than every feasible score (see `BayesScalarization`).
///
/// Everything random comes from one seeded generator and the hyperparameter fit is
/// deterministic, so the same seed and batch schedule give the same proposals, and replaying
/// a journal through `ask` and `tell` rebuilds the state.
public struct BayesStrategy: SearchStrategy {
  public static let optionSpecs: [OptionSpec] = [
    OptionSpec(
      "initial_points", .integer(0...1_000_000), default: "0",
      help:
        "random valid configurations evaluated before the model is used; 0 means twice the "
        + "feature count, at least 10 and at most a third of the budget"),
    OptionSpec(
      "candidate_pool", .integer(1...1_000_000), default: "2000",
      help: "unseen configurations scored by expected improvement for each batch"),
    OptionSpec(
      "neighbour_share", .real(0...1), default: "0.5",
      help: "share of the candidate pool made of mutations of the current Pareto front"),
    OptionSpec(
      "refit_every", .integer(1...1_000_000), default: "5",
      help: "model batches between hyperparameter fits; batches in between reuse them"),
    OptionSpec(
      "fit_starts", .integer(1...100), default: "3",
      help: "L-BFGS starts per hyperparameter fit, the first from the previous optimum"),
    OptionSpec(
      "fit_evaluations", .integer(1...10_000), default: "80",
      help: "maximum likelihood evaluations of each L-BFGS start"),
    OptionSpec(
      "max_model_points", .integer(10...100_000), default: "1000",
      help:
        "observations the model is trained on; beyond it, half are the most promising and "
        + "half the most recent (fit cost grows with the cube of this number)"),
    OptionSpec(
      "augmentation", .real(0...1), default: "0.05",
      help: "weight of the weighted sum added to the Chebyshev maximum in the scalarisation"),
  ]

  /// Observations needed before the model is used, even when `initial_points` is smaller.
  static let minimumModelPoints = 3

  public let name = "bayes"
  let space: any EncodedSpace
  let directions: [Direction]
  /// The number of random configurations evaluated before the model is used.
  public let initialPoints: Int
  let candidatePoolSize: Int
  let neighbourShare: Double
  let refitEvery: Int
  let fitOptions: GaussianProcessFitOptions
  let maxModelPoints: Int
  let augmentation: Double

  var generator: Xoshiro256
  var records: [BayesRecord] = []
  var seen = Set<[Int]>()
  /// Configurations proposed but not yet observed, in proposal order.
  var pending: [[Int]] = []
  /// The hyperparameters of the last fit, reused between fits.
  public internal(set) var hyperparameters: GaussianProcessHyperparameters?
  var modelBatches = 0

  /// Batch elements that fell back to an unscored candidate because the model failed.
  public internal(set) var modelFailures = 0

  public private(set) var isFinished = false

  /// Creates the strategy from validated options.
  ///
  /// - Parameter context: The space, objective directions, seed, budget and the options
  ///   declared in `optionSpecs`.
  public init(context: StrategyContext) {
    self.space = context.space
    self.directions = context.directions
    self.generator = Xoshiro256(seed: context.seed)

    let options = context.options
    let requested = options.integer("initial_points")
    let zeros = [Int](repeating: 0, count: context.space.variableCount)
    let featureCount = context.space.features(zeros).count
    var initial = requested > 0 ? requested : max(10, 2 * featureCount)
    if requested == 0, let budget = context.budget {
      initial = min(initial, max(min(10, budget), budget / 3))
    }
    self.initialPoints = initial

    self.candidatePoolSize = options.integer("candidate_pool")
    self.neighbourShare = options.real("neighbour_share")
    self.refitEvery = options.integer("refit_every")
    self.fitOptions = GaussianProcessFitOptions(
      starts: options.integer("fit_starts"), maxEvaluations: options.integer("fit_evaluations"))
    self.maxModelPoints = options.integer("max_model_points")
    self.augmentation = options.real("augmentation")
  }

  /// Proposes up to `count` unseen configurations: random ones while the initial design is
  /// incomplete, then the model's choices.
  ///
  /// - Returns: Distinct canonical valid configurations that were never proposed before. An
  ///   empty batch for a positive `count` means the space looks exhausted, and the strategy
  ///   is then finished.
  /// - Complexity: Per model batch, one Gaussian-process fit every `refit_every` batches
  ///   (O(starts × evaluations × n³)), and per batch element O((n + q)³ + (n + q)² m) for n
  ///   model points, q believers and m candidates.
  public mutating func ask(count: Int) -> [[Int]] {
    guard count > 0, !isFinished else { return [] }

    let designShortfall = initialPoints - (records.count + pending.count)
    let randomCount =
      records.count < Self.minimumModelPoints ? count : min(count, max(0, designShortfall))
    var batch = randomProposals(randomCount)
    if batch.count < count, records.count >= Self.minimumModelPoints {
      batch += modelProposals(count - batch.count)
    }

    pending += batch
    if batch.isEmpty { isFinished = true }
    return batch
  }

  /// Records the observations of proposed configurations.
  ///
  /// Observations may arrive in any order and for any earlier batch; each one clears its
  /// configuration from the pending list.
  public mutating func tell(_ observations: [Observation]) {
    for observation in observations {
      if let index = pending.firstIndex(of: observation.configuration) {
        pending.remove(at: index)
      }
      seen.insert(observation.configuration)
      let minimized = Dominance.minimizationForm(observation.objectives, directions)
      records.append(
        BayesRecord(
          configuration: observation.configuration,
          features: space.features(observation.configuration), minimized: minimized,
          usable: observation.feasible && minimized.allSatisfy(\.isFinite),
          violation: observation.feasible ? 0 : observation.violation))
    }
  }

  /// Draws up to `count` unseen random valid configurations, giving up after 1,000
  /// consecutive draws that find nothing new.
  mutating func randomProposals(_ count: Int) -> [[Int]] {
    var batch: [[Int]] = []
    var misses = 0
    while batch.count < count, misses < 1_000 {
      guard let candidate = space.randomConfiguration(using: &generator) else { break }
      if seen.insert(candidate).inserted {
        batch.append(candidate)
        misses = 0
      } else {
        misses += 1
      }
    }
    return batch
  }
}
