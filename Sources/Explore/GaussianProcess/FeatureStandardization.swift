/// A per-column affine map to zero mean and unit variance: `z = (x − mean) / scale`.
///
/// The scale is the population standard deviation (dividing by the row count). A column whose
/// values are all equal keeps scale 1, so it maps to zero without dividing by zero.
public struct FeatureStandardization: Sendable, Hashable {
  /// The mean of each column in the fitted rows.
  public let means: [Double]

  /// The standard deviation of each column, or 1 for a constant column.
  public let scales: [Double]

  /// The number of columns.
  public var dimension: Int { means.count }

  /// Fits the map to rows of equal length.
  ///
  /// - Parameter rows: At least one row; every row has the same number of columns.
  /// - Complexity: O(rows × columns).
  public init(fitting rows: [[Double]]) {
    precondition(!rows.isEmpty, "FeatureStandardization needs at least one row")
    let dimension = rows[0].count
    var means = [Double](repeating: 0, count: dimension)
    for row in rows {
      for column in 0..<dimension {
        means[column] += row[column]
      }
    }
    let count = Double(rows.count)
    for column in 0..<dimension {
      means[column] /= count
    }

    var scales = [Double](repeating: 0, count: dimension)
    for row in rows {
      for column in 0..<dimension {
        let deviation = row[column] - means[column]
        scales[column] += deviation * deviation
      }
    }
    for column in 0..<dimension {
      let deviation = (scales[column] / count).squareRoot()
      scales[column] = deviation > 1e-12 * max(1, abs(means[column])) ? deviation : 1
    }
    self.means = means
    self.scales = scales
  }

  /// Creates the map from explicit means and scales.
  ///
  /// - Parameters:
  ///   - means: The value subtracted from each column.
  ///   - scales: The positive divisor of each column.
  public init(means: [Double], scales: [Double]) {
    precondition(means.count == scales.count, "one scale per mean")
    precondition(scales.allSatisfy { $0 > 0 && $0.isFinite }, "scales must be positive")
    self.means = means
    self.scales = scales
  }

  /// Standardises rows into one row-major buffer.
  ///
  /// - Parameter rows: Rows with `dimension` columns each.
  /// - Returns: `rows.count × dimension` values in row-major order.
  public func apply(_ rows: [[Double]]) -> [Double] {
    var result = [Double](repeating: 0, count: rows.count * dimension)
    for (index, row) in rows.enumerated() {
      precondition(row.count == dimension, "row \(index) has \(row.count) columns")
      for column in 0..<dimension {
        result[index * dimension + column] = (row[column] - means[column]) / scales[column]
      }
    }
    return result
  }
}
