/// One told observation as the Bayesian strategy keeps it: the configuration, its surrogate
/// features and its objectives in minimisation form.
struct BayesRecord: Sendable {
  var configuration: [Int]
  /// `EncodedSpace.features(_:)` of the configuration.
  var features: [Double]
  /// Objective values with maximised objectives negated, so smaller is better everywhere.
  var minimized: [Double]
  /// Feasible and with finite objectives; only such records enter the scalarisation.
  var usable: Bool
  /// The constraint violation of an infeasible record (0 when feasible).
  var violation: Double
}
