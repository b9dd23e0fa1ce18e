import Foundation

/// The hyperparameters of a Gaussian process with an ARD Matérn 5/2 kernel, in the
/// standardised units the process works in (standardised inputs, normalised outputs).
public struct GaussianProcessHyperparameters: Sendable, Hashable {
  /// One positive length scale per input feature, in standard deviations of that feature.
  public var lengthScales: [Double]

  /// The prior variance of the latent function, in units of the output variance.
  public var signalVariance: Double

  /// The variance of the observation noise, in units of the output variance; 0 is allowed
  /// when the hyperparameters are set by hand (the fit keeps it within positive bounds).
  public var noiseVariance: Double

  public init(lengthScales: [Double], signalVariance: Double, noiseVariance: Double) {
    self.lengthScales = lengthScales
    self.signalVariance = signalVariance
    self.noiseVariance = noiseVariance
  }

  /// Creates hyperparameters from their logarithms in `logParameters` order.
  ///
  /// - Parameter logParameters: `[log ℓ₁, …, log ℓ_d, log σ_f², log σ_n²]`.
  public init(logParameters: [Double]) {
    precondition(logParameters.count >= 3, "need d length scales, signal and noise")
    let dimension = logParameters.count - 2
    self.lengthScales = logParameters[0..<dimension].map { exp($0) }
    self.signalVariance = exp(logParameters[dimension])
    self.noiseVariance = exp(logParameters[dimension + 1])
  }

  /// The logarithms of every hyperparameter: the d length scales, then the signal variance,
  /// then the noise variance. This is the layout of the likelihood gradient.
  public var logParameters: [Double] {
    lengthScales.map { log($0) } + [log(signalVariance), log(noiseVariance)]
  }

  /// The usual starting point for standardised data: every length scale √d (the typical
  /// distance between standardised points grows like √d), unit signal variance and a noise
  /// variance of 10⁻⁴.
  ///
  /// - Parameter dimension: The number of input features.
  public static func defaults(dimension: Int) -> GaussianProcessHyperparameters {
    GaussianProcessHyperparameters(
      lengthScales: [Double](repeating: Double(max(1, dimension)).squareRoot(), count: dimension),
      signalVariance: 1, noiseVariance: 1e-4)
  }

  /// Checks that the values fit a model with `dimension` features.
  ///
  /// - Throws: `GaussianProcessError.invalidHyperparameters` naming the bad value.
  func validate(dimension: Int) throws(GaussianProcessError) {
    guard lengthScales.count == dimension else {
      throw .invalidHyperparameters(
        "\(lengthScales.count) length scales for \(dimension) features")
    }
    for (index, scale) in lengthScales.enumerated() where !(scale > 0 && scale.isFinite) {
      throw .invalidHyperparameters("length scale \(index) is \(scale); it must be positive")
    }
    guard signalVariance > 0, signalVariance.isFinite else {
      throw .invalidHyperparameters(
        "signal variance is \(signalVariance); it must be positive and finite")
    }
    guard noiseVariance >= 0, noiseVariance.isFinite else {
      throw .invalidHyperparameters(
        "noise variance is \(noiseVariance); it must be non-negative and finite")
    }
  }
}
