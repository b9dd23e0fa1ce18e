import Foundation
import StreamTune

/// A search space's decision variables as strategies see them.
///
/// Ordinal variables whose values form a power-of-two ladder encode as log2 of the value scaled
/// to [0, 1] over the ladder; other ordinals as the value scaled to [0, 1]; categoricals
/// one-hot; Booleans as 0 or 1. Value text is the value as written in the search space.
extension DesignSpace: EncodedSpace {
  public var variableCount: Int { variables.count }

  public func valueCount(of variable: Int) -> Int { variables[variable].values.count }

  public func features(of variable: Int, valueIndex: Int) -> [Double] {
    let definition = variables[variable]
    switch definition.kind {
    case .categorical:
      var oneHot = [Double](repeating: 0, count: definition.values.count)
      oneHot[valueIndex] = 1
      return oneHot
    case .boolean:
      return [definition.values[valueIndex].boolValue == true ? 1 : 0]
    case .ordinal:
      let numbers = definition.integerValues.map(Double.init)
      guard let low = numbers.first, let high = numbers.last, high > low else { return [0] }
      if definition.isPowerOfTwoLadder {
        return [(log2(numbers[valueIndex]) - log2(low)) / (log2(high) - log2(low))]
      }
      return [(numbers[valueIndex] - low) / (high - low)]
    }
  }

  public func name(of variable: Int) -> String { variables[variable].name }

  public func valueText(of variable: Int, valueIndex: Int) -> String {
    variables[variable].values[valueIndex].description
  }
}
