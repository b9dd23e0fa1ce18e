/// Feasibility limits that every evaluated design is checked against.
///
/// Resource limits are absolute counts. The utilisation ceiling caps each resource at a
/// fraction of what the device offers (for routability); a design must satisfy both.
public struct SearchConstraints: Sendable, Hashable, Codable {
  public var maxDSP: Int?
  public var maxBRAM18K: Int?
  public var maxURAM: Int?
  public var maxLUT: Int?
  public var maxFF: Int?
  /// Fraction (0 to 1] of each resource a design may use, by resource name (`dsp`, `bram18k`,
  /// `uram`, `lut`, `ff`); a resource without an entry uses `defaultUtilisationCeiling`.
  public var utilisationCeiling: [String: Double]
  /// Fraction of a resource a design may use when no per-resource ceiling is given.
  public var defaultUtilisationCeiling: Double
  public var minDecodeTokensPerS: Double?
  public var maxLatencyMs: Double?
  public var maxTTFTMs: Double?
  public var maxPowerW: Double?

  /// The resource names that take a utilisation ceiling.
  public static let resourceNames = ["dsp", "bram18k", "uram", "lut", "ff"]

  /// The ceiling when a file states none: 80 % of every resource, a common routability margin
  /// for Alveo designs (an estimate, not a vendor figure).
  public static let standardUtilisationCeiling = 0.8

  public init(
    maxDSP: Int? = nil, maxBRAM18K: Int? = nil, maxURAM: Int? = nil, maxLUT: Int? = nil,
    maxFF: Int? = nil, utilisationCeiling: [String: Double] = [:],
    defaultUtilisationCeiling: Double = SearchConstraints.standardUtilisationCeiling,
    minDecodeTokensPerS: Double? = nil, maxLatencyMs: Double? = nil, maxTTFTMs: Double? = nil,
    maxPowerW: Double? = nil
  ) {
    self.maxDSP = maxDSP
    self.maxBRAM18K = maxBRAM18K
    self.maxURAM = maxURAM
    self.maxLUT = maxLUT
    self.maxFF = maxFF
    self.utilisationCeiling = utilisationCeiling
    self.defaultUtilisationCeiling = defaultUtilisationCeiling
    self.minDecodeTokensPerS = minDecodeTokensPerS
    self.maxLatencyMs = maxLatencyMs
    self.maxTTFTMs = maxTTFTMs
    self.maxPowerW = maxPowerW
  }

  /// The utilisation ceiling of one resource.
  public func ceiling(for resource: String) -> Double {
    utilisationCeiling[resource] ?? defaultUtilisationCeiling
  }
}

/// How the search runs unless the command line overrides it.
public struct SearchSettings: Sendable, Equatable {
  /// The strategy names a search-space file may choose.
  public static let strategies = [
    "exhaustive", "random", "anneal", "nsga2", "bayes", "ilp", "streamtensor",
  ]

  public var strategy: String
  /// Maximum number of design evaluations.
  public var budget: Int
  /// Optional wall-clock limit, in seconds.
  public var timeLimitSeconds: Double?
  public var seed: UInt64
  /// Strategy-specific knobs, passed through unchanged; each strategy checks its own.
  public var options: JSONNode?

  public init(
    strategy: String = "anneal", budget: Int = 2000, timeLimitSeconds: Double? = nil,
    seed: UInt64 = 1, options: JSONNode? = nil
  ) {
    self.strategy = strategy
    self.budget = budget
    self.timeLimitSeconds = timeLimitSeconds
    self.seed = seed
    self.options = options
  }
}
