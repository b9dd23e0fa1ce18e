/// Settings of the hyperparameter fit: restarts, evaluation budget and the box the log
/// hyperparameters are kept in. Bounds are in standardised units.
public struct GaussianProcessFitOptions: Sendable, Hashable {
  /// The number of L-BFGS starts: the first from `initial`, the others drawn at random.
  public var starts: Int

  /// The maximum number of likelihood evaluations of each start.
  public var maxEvaluations: Int

  /// The relative tolerance on the likelihood and on the log hyperparameters that stops a
  /// start.
  public var relativeTolerance: Double

  /// The allowed length scales, in standard deviations of each feature.
  public var lengthScaleBounds: ClosedRange<Double>

  /// The allowed signal variance, in units of the output variance.
  public var signalVarianceBounds: ClosedRange<Double>

  /// The allowed noise variance, in units of the output variance.
  public var noiseVarianceBounds: ClosedRange<Double>

  /// The first start, clamped into the bounds; `nil` means
  /// `GaussianProcessHyperparameters.defaults(dimension:)`. A strategy that refits passes the
  /// previous optimum here.
  public var initial: GaussianProcessHyperparameters?

  public init(
    starts: Int = 4, maxEvaluations: Int = 100, relativeTolerance: Double = 1e-7,
    lengthScaleBounds: ClosedRange<Double> = 0.01...100,
    signalVarianceBounds: ClosedRange<Double> = 0.01...100,
    noiseVarianceBounds: ClosedRange<Double> = 1e-8...1,
    initial: GaussianProcessHyperparameters? = nil
  ) {
    precondition(starts >= 1, "the fit needs at least one start")
    precondition(maxEvaluations >= 1, "each start needs at least one evaluation")
    precondition(
      lengthScaleBounds.lowerBound > 0 && signalVarianceBounds.lowerBound > 0
        && noiseVarianceBounds.lowerBound > 0,
      "hyperparameter bounds must be positive, because the fit works on their logarithms")
    self.starts = starts
    self.maxEvaluations = maxEvaluations
    self.relativeTolerance = relativeTolerance
    self.lengthScaleBounds = lengthScaleBounds
    self.signalVarianceBounds = signalVarianceBounds
    self.noiseVarianceBounds = noiseVarianceBounds
    self.initial = initial
  }
}
