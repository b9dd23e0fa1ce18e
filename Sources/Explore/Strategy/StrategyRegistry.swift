/// Errors in choosing or configuring a strategy.
public enum StrategyError: Error, Sendable, Equatable, CustomStringConvertible {
  case unknownStrategy(String, known: [String])
  case invalidOptions(StrategyOptionErrors)
  case cannotStart(String)

  public var description: String {
    switch self {
    case .unknownStrategy(let name, let known):
      let hint = DidYouMeanName.hint(for: name, among: known)
      return "unknown strategy \"\(name)\"\(hint); known: \(known.joined(separator: ", "))"
    case .invalidOptions(let errors):
      return errors.description
    case .cannotStart(let reason):
      return reason
    }
  }
}

/// The strategies selectable by name, with their option specs.
public enum StrategyRegistry {
  /// Names accepted by `--strategy`, in the order `--help` lists them.
  public static var names: [String] { entries.map(\.name) }

  /// The option specs of a strategy, or `nil` for an unknown name.
  public static func optionSpecs(of name: String) -> [OptionSpec]? {
    entries.first { $0.name == name }?.specs
  }

  /// A one-line description of a strategy.
  public static func summary(of name: String) -> String? {
    entries.first { $0.name == name }?.summary
  }

  /// Creates a strategy by name.
  ///
  /// - Parameters:
  ///   - name: The strategy's name.
  ///   - space: The encoded design space.
  ///   - directions: One direction per objective.
  ///   - seed: The run's seed; shard i of a stochastic strategy derives its own stream from it.
  ///   - budget: The run's evaluation budget, if any.
  ///   - options: User-given option values as text.
  ///   - shard: This run's shard index and shard count.
  ///   - oracle: The allocation oracle of the search space, which `ilp` needs.
  /// - Throws: `StrategyError` for an unknown name, invalid options, or a strategy that cannot
  ///   start on this space.
  public static func make(
    name: String, space: any EncodedSpace, directions: [Direction], seed: UInt64, budget: Int?,
    options: [String: String], shard: (index: Int, count: Int) = (0, 1),
    oracle: (any AllocationOracle)? = nil
  ) throws(StrategyError) -> any SearchStrategy {
    guard let entry = entries.first(where: { $0.name == name }) else {
      throw .unknownStrategy(name, known: names)
    }
    let validated: StrategyOptions
    do {
      validated = try StrategyOptions(options, specs: entry.specs)
    } catch {
      throw .invalidOptions(error)
    }
    var shardGenerator = Xoshiro256(seed: seed).fork(UInt64(shard.index))
    let shardSeed = shard.count > 1 ? shardGenerator.next() : seed
    let context = StrategyContext(
      space: space, directions: directions, seed: shardSeed, budget: budget, options: validated,
      oracle: oracle)
    return try entry.make(context, shard)
  }

  private struct Entry {
    var name: String
    var summary: String
    var specs: [OptionSpec]
    var make:
      (StrategyContext, (index: Int, count: Int)) throws(StrategyError) -> any SearchStrategy
  }

  /// Every strategy. Exhaustive enumeration partitions its order across shards; the
  /// stochastic strategies run independent streams, one seed per shard.
  private static var entries: [Entry] {
    [
      Entry(
        name: "exhaustive", summary: "every valid configuration in a stable order",
        specs: ExhaustiveStrategy.optionSpecs,
        make: { context, shard throws(StrategyError) in
          do {
            return try ExhaustiveStrategy(
              context: context, shardIndex: shard.index, shardCount: shard.count)
          } catch {
            throw .cannotStart(String(describing: error))
          }
        }),
      Entry(
        name: "random", summary: "uniform random valid configurations (the baseline)",
        specs: RandomStrategy.optionSpecs,
        make: { context, _ throws(StrategyError) in RandomStrategy(context: context) }),
      Entry(
        name: "anneal", summary: "multi-objective simulated annealing with parallel chains",
        specs: AnnealStrategy.optionSpecs,
        make: { context, _ throws(StrategyError) in AnnealStrategy(context: context) }),
      Entry(
        name: "bayes", summary: "Gaussian-process Bayesian optimisation (ParEGO scalarisation)",
        specs: BayesStrategy.optionSpecs,
        make: { context, _ throws(StrategyError) in BayesStrategy(context: context) }),
      Entry(
        name: "nsga2", summary: "NSGA-II with constraint domination",
        specs: NSGA2Strategy.optionSpecs,
        make: { context, _ throws(StrategyError) in NSGA2Strategy(context: context) }),
      Entry(
        name: "ilp", summary: "integer programs for resource allocation, swept over DSP caps",
        specs: ILPStrategy.optionSpecs,
        make: { context, shard throws(StrategyError) in
          try ILPStrategy(context: context, shardIndex: shard.index, shardCount: shard.count)
        }),
      Entry(
        name: "streamtensor",
        summary: "StreamTensor's preset over a grid of default tiles and lane budgets",
        specs: StreamTensorStrategy.optionSpecs,
        make: { context, shard throws(StrategyError) in
          try StreamTensorStrategy(
            context: context, shardIndex: shard.index, shardCount: shard.count)
        }),
    ]
  }
}
