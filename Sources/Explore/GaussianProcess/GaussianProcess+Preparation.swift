/// Input checks and the standardisation shared by every way of building a process.
extension GaussianProcess {
  /// Checks training data and maps it to standardised units.
  ///
  /// - Throws: `GaussianProcessError` for an empty set, ragged rows, a count mismatch or a
  ///   non-finite value.
  static func prepare(inputs: [[Double]], outputs: [Double]) throws(GaussianProcessError) -> (
    data: GaussianProcessData, standardization: FeatureStandardization, outputMean: Double,
    outputScale: Double
  ) {
    guard let first = inputs.first else { throw .emptyTrainingSet }
    guard outputs.count == inputs.count else {
      throw .outputCountMismatch(inputs: inputs.count, outputs: outputs.count)
    }
    guard !first.isEmpty else { throw .dimensionMismatch(row: 0, expected: 1, found: 0) }
    try check(inputs, outputs: outputs, dimension: first.count)

    let standardization = FeatureStandardization(fitting: inputs)
    let (mean, scale) = normalization(of: outputs)
    let data = GaussianProcessData(
      count: inputs.count, dimension: first.count, inputs: standardization.apply(inputs),
      outputs: outputs.map { ($0 - mean) / scale })
    return (data, standardization, mean, scale)
  }

  /// Checks that every row has `dimension` finite values and every output is finite.
  static func check(_ inputs: [[Double]], outputs: [Double], dimension: Int)
    throws(GaussianProcessError)
  {
    for (row, values) in inputs.enumerated() {
      guard values.count == dimension else {
        throw .dimensionMismatch(row: row, expected: dimension, found: values.count)
      }
      guard values.allSatisfy(\.isFinite), outputs[row].isFinite else {
        throw .nonFiniteValue(row: row)
      }
    }
  }

  /// The mean and population standard deviation of outputs; the scale is 1 when the outputs
  /// are all equal.
  static func normalization(of outputs: [Double]) -> (mean: Double, scale: Double) {
    let standardization = FeatureStandardization(fitting: outputs.map { [$0] })
    return (standardization.means[0], standardization.scales[0])
  }
}
