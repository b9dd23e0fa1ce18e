/// A design space as search strategies see it: every decision variable is an index into its
/// list of allowed values.
///
/// A configuration is an array with one value index per variable. Conditional variables that
/// are inactive in a configuration hold index 0 by convention, so that equal designs have equal
/// configurations.
public protocol EncodedSpace: Sendable {
  /// Number of decision variables.
  var variableCount: Int { get }

  /// Number of allowed values of a variable.
  func valueCount(of variable: Int) -> Int

  /// Reports whether a configuration satisfies every constraint between variables.
  func isValid(_ configuration: [Int]) -> Bool

  /// Reports whether a variable takes part in a configuration (false for a conditional
  /// variable whose condition does not hold).
  func isActive(_ variable: Int, in configuration: [Int]) -> Bool

  /// The numeric encoding of one variable's value for surrogate models: one feature for an
  /// ordinal (log2 of a power-of-two value, else the value scaled to [0, 1]), one feature per
  /// value for a categorical (one-hot), one for a Boolean.
  func features(of variable: Int, valueIndex: Int) -> [Double]

  /// A readable name of a variable, used in CSV headers.
  func name(of variable: Int) -> String

  /// The value of a variable as it appears in CSV files and reports.
  func valueText(of variable: Int, valueIndex: Int) -> String
}

extension EncodedSpace {
  /// The full feature vector of a configuration; inactive variables encode as zeros.
  ///
  /// - Complexity: O(total feature count).
  public func features(_ configuration: [Int]) -> [Double] {
    var result: [Double] = []
    for variable in 0..<variableCount {
      let encoded = features(of: variable, valueIndex: configuration[variable])
      if isActive(variable, in: configuration) {
        result.append(contentsOf: encoded)
      } else {
        result.append(contentsOf: [Double](repeating: 0, count: encoded.count))
      }
    }
    return result
  }

  /// Sets every inactive variable to index 0, the canonical form of a configuration.
  public func canonical(_ configuration: [Int]) -> [Int] {
    var result = configuration
    for variable in 0..<variableCount where !isActive(variable, in: result) {
      result[variable] = 0
    }
    return result
  }

  /// Draws a uniformly random valid configuration by rejection sampling.
  ///
  /// - Parameters:
  ///   - generator: The seeded source of randomness.
  ///   - maxAttempts: Draws before giving up.
  /// - Returns: A canonical valid configuration, or `nil` when none was found (a space whose
  ///   valid share is below about 1 / maxAttempts).
  public func randomConfiguration(
    using generator: inout some RandomNumberGenerator, maxAttempts: Int = 10_000
  ) -> [Int]? {
    for _ in 0..<maxAttempts {
      var configuration = [Int](repeating: 0, count: variableCount)
      for variable in 0..<variableCount {
        configuration[variable] = Int.random(in: 0..<valueCount(of: variable), using: &generator)
      }
      let canonicalForm = canonical(configuration)
      if isValid(canonicalForm) { return canonicalForm }
    }
    return nil
  }

  /// Returns a valid neighbour: `moves` active variables changed to an adjacent value (ordinal
  /// steps of one) or any other value, retried until valid.
  ///
  /// - Returns: A canonical valid configuration different from the input, or `nil` after 200
  ///   failed attempts (a configuration with no valid neighbour at that distance).
  public func neighbour(
    of configuration: [Int], moves: Int = 1, using generator: inout some RandomNumberGenerator
  ) -> [Int]? {
    for _ in 0..<200 {
      var candidate = configuration
      for _ in 0..<max(1, moves) {
        let active = (0..<variableCount).filter {
          isActive($0, in: candidate) && valueCount(of: $0) > 1
        }
        guard let variable = active.randomElement(using: &generator) else { return nil }
        let count = valueCount(of: variable)
        if Bool.random(using: &generator) {
          let step = Bool.random(using: &generator) ? 1 : -1
          candidate[variable] = min(count - 1, max(0, candidate[variable] + step))
        } else {
          candidate[variable] = Int.random(in: 0..<count, using: &generator)
        }
      }
      let canonicalForm = canonical(candidate)
      if canonicalForm != configuration, isValid(canonicalForm) { return canonicalForm }
    }
    return nil
  }
}
