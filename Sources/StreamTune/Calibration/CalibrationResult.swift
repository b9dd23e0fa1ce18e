import Foundation

/// The outcome of a calibration: constants before and after, and every measured figure with
/// the model's estimate before and after the fit.
public struct CalibrationResult: Sendable, Codable {
  /// One measured figure of one design.
  public struct Comparison: Sendable, Codable, Hashable {
    public var design: String
    public var request: Request
    public var metric: CalibrationMetric
    public var measured: Double
    /// The model's estimate with the base platform's constants.
    public var before: Double
    /// The model's estimate with the fitted constants.
    public var after: Double
    /// (estimate − measured) / measured before the fit.
    public var errorBefore: Double
    /// (estimate − measured) / measured after the fit.
    public var errorAfter: Double

    public init(
      design: String, request: Request, metric: CalibrationMetric, measured: Double,
      before: Double, after: Double
    ) {
      self.design = design
      self.request = request
      self.metric = metric
      self.measured = measured
      self.before = before
      self.after = after
      errorBefore = (before - measured) / measured
      errorAfter = (after - measured) / measured
    }
  }

  /// One constant's base and fitted value, with a plausibility judgement.
  public struct Constant: Sendable, Codable, Hashable {
    public var name: EfficiencyConstant
    public var before: Double
    public var after: Double
    /// Whether the fit changed it (constants not fitted keep their base value).
    public var fitted: Bool
    public var plausible: Bool
    public var judgement: String
  }

  public var before: Efficiency
  public var after: Efficiency
  public var constants: [Constant]
  public var comparisons: [Comparison]
  /// Cost-model evaluations the fit used.
  public var evaluations: Int
  /// Kernel clock of the fit, in MHz.
  public var clockMHz: Double

  /// Root mean square of the relative errors before the fit.
  public var rmsErrorBefore: Double {
    Self.rms(comparisons.map(\.errorBefore))
  }

  /// Root mean square of the relative errors after the fit.
  public var rmsErrorAfter: Double {
    Self.rms(comparisons.map(\.errorAfter))
  }

  static func rms(_ values: [Double]) -> Double {
    guard !values.isEmpty else { return 0 }
    return (values.reduce(0) { $0 + $1 * $1 } / Double(values.count)).squareRoot()
  }

  /// Formats a number with four significant digits.
  public static func format(_ value: Double) -> String {
    guard value.isFinite else { return String(value) }
    if value != 0 && (abs(value) >= 1e6 || abs(value) < 1e-3) {
      return String(format: "%.3e", value)
    }
    return String(format: "%.4g", value)
  }
}
