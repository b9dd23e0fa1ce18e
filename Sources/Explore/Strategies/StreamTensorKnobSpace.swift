import Foundation
import StreamTune

/// The two knobs of StreamTensor's own flow as an encoded space: the default tile size of
/// every loop (`default_tile`) and the budget on total lanes (`unroll_budget`).
///
/// A configuration is not an assignment of a search space's variables: `designPoint(for:)`
/// turns it into the design `StreamTensorPreset` builds, which the cost model then evaluates.
/// Every configuration is valid.
public struct StreamTensorKnobSpace: EncodedSpace {
  /// Option names the knob values are read from, with their defaults.
  public static let tileOption = "tiles"
  public static let budgetOption = "unroll_budgets"
  public static let defaultTiles = [8, 16, 32, 64, 128]
  /// Lane budgets from a few lanes per kernel up to a device's worth of DSP slices at W4A8;
  /// they include the preset's default budget.
  public static let defaultBudgets = [
    64, 128, 256, 512, 1024, 2048, 4096, 6144, 8192, 12288, 16384,
  ]

  /// The block the preset is tuned on (the search space's largest prefill).
  public let graph: BlockGraph
  public let platform: Platform
  public let precision: Precision
  /// Tile sizes, increasing.
  public let tiles: [Int]
  /// Lane budgets, increasing.
  public let unrollBudgets: [Int]

  /// Creates the space from explicit knob values.
  ///
  /// Values must be positive; they are sorted and duplicates removed.
  public init(
    graph: BlockGraph, platform: Platform, precision: Precision, tiles: [Int], unrollBudgets: [Int]
  ) {
    precondition(!tiles.isEmpty && tiles.allSatisfy { $0 > 0 }, "tiles must be positive")
    precondition(
      !unrollBudgets.isEmpty && unrollBudgets.allSatisfy { $0 > 0 },
      "unroll budgets must be positive")
    self.graph = graph
    self.platform = platform
    self.precision = precision
    self.tiles = Array(Set(tiles)).sorted()
    self.unrollBudgets = Array(Set(unrollBudgets)).sorted()
  }

  /// Creates the space of a search space, reading the knob values from the `tiles` and
  /// `unroll_budgets` options (comma-separated positive integers).
  ///
  /// - Parameters:
  ///   - searchSpace: The loaded search space; the preset is tuned on its largest prefill.
  ///   - options: Strategy options as text; other names are ignored.
  /// - Throws: `StrategyOptionErrors` naming each option that is not a list of positive
  ///   integers.
  public init(searchSpace: SearchSpace, options: [String: String]) throws(StrategyOptionErrors) {
    var errors: [StrategyOptionError] = []
    func list(_ name: String, default values: [Int]) -> [Int] {
      guard let text = options[name] else { return values }
      let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
      let numbers = parts.compactMap { Int($0) }.filter { $0 > 0 }
      guard !parts.isEmpty, numbers.count == parts.count else {
        errors.append(
          StrategyOptionError(
            option: name,
            message: "\"\(text)\" is invalid; expected positive integers separated by commas"))
        return values
      }
      return numbers
    }
    let tiles = list(Self.tileOption, default: Self.defaultTiles)
    let budgets = list(Self.budgetOption, default: Self.defaultBudgets)
    if !errors.isEmpty { throw StrategyOptionErrors(errors: errors) }
    self.init(
      graph: searchSpace.prefillGraph, platform: searchSpace.platform,
      precision: searchSpace.precision, tiles: tiles, unrollBudgets: budgets)
  }

  /// Splits options into the knob values this space reads and the rest, which go to
  /// `StrategyRegistry.make`.
  public static func splitOptions(
    _ options: [String: String]
  ) -> (knobs: [String: String], strategy: [String: String]) {
    let names: Set = [tileOption, budgetOption]
    return (options.filter { names.contains($0.key) }, options.filter { !names.contains($0.key) })
  }

  /// The preset design of a knob configuration.
  ///
  /// - Parameter configuration: Value indices of `default_tile` and `unroll_budget`.
  /// - Complexity: That of `StreamTensorPreset.design`.
  public func designPoint(for configuration: [Int]) -> DesignPoint {
    StreamTensorPreset.design(
      for: graph, platform: platform, precision: precision,
      defaultTile: tiles[configuration[0]], unrollBudget: unrollBudgets[configuration[1]])
  }

  public var variableCount: Int { 2 }

  public func valueCount(of variable: Int) -> Int {
    variable == 0 ? tiles.count : unrollBudgets.count
  }

  public func isValid(_ configuration: [Int]) -> Bool {
    configuration.count == 2 && tiles.indices.contains(configuration[0])
      && unrollBudgets.indices.contains(configuration[1])
  }

  public func isActive(_ variable: Int, in configuration: [Int]) -> Bool { true }

  /// log2 of the value scaled to [0, 1] over the variable's values.
  public func features(of variable: Int, valueIndex: Int) -> [Double] {
    let values = (variable == 0 ? tiles : unrollBudgets).map { log2(Double($0)) }
    guard let low = values.first, let high = values.last, high > low else { return [0] }
    return [(values[valueIndex] - low) / (high - low)]
  }

  public func name(of variable: Int) -> String {
    variable == 0 ? "default_tile" : "unroll_budget"
  }

  public func valueText(of variable: Int, valueIndex: Int) -> String {
    String(variable == 0 ? tiles[valueIndex] : unrollBudgets[valueIndex])
  }
}
