import Foundation

/// A linear or logarithmic mapping from data values to plot coordinates, with tick marks.
struct AxisScale {
  let low: Double
  let high: Double
  let logarithmic: Bool

  /// Creates a scale that covers the values with a small margin.
  ///
  /// A logarithmic scale ignores values that are not positive; the caller drops those points
  /// and says so.
  init(values: [Double], logarithmic: Bool) {
    self.logarithmic = logarithmic
    let usable = values.filter { $0.isFinite && (!logarithmic || $0 > 0) }
    var low = usable.min() ?? 0
    var high = usable.max() ?? 1
    if logarithmic {
      low = log10(low > 0 ? low : 1)
      high = log10(high > 0 ? high : 10)
    }
    if high - low < 1e-12 {
      low -= 0.5
      high += 0.5
    }
    let margin = (high - low) * 0.05
    self.low = low - margin
    self.high = high + margin
  }

  /// Position of a value in [0, 1] along the axis, or `nil` when it cannot be drawn.
  func fraction(_ value: Double) -> Double? {
    guard value.isFinite else { return nil }
    if logarithmic {
      guard value > 0 else { return nil }
      return (log10(value) - low) / (high - low)
    }
    return (value - low) / (high - low)
  }

  /// Tick values with their labels: powers of ten (with 2 and 5 between them when few) on a
  /// logarithmic axis, 1-2-5 steps on a linear one.
  func ticks() -> [(value: Double, label: String)] {
    if logarithmic {
      var result: [(Double, String)] = []
      let multipliers: [Double] = high - low <= 2.5 ? [1, 2, 5] : [1]
      for exponent in Int(floor(low))...Int(ceil(high)) {
        for multiplier in multipliers {
          let value = multiplier * pow(10, Double(exponent))
          let position = log10(value)
          if position >= low, position <= high { result.append((value, Self.label(value))) }
        }
      }
      return result
    }
    let rawStep = (high - low) / 6
    let magnitude = pow(10, floor(log10(rawStep)))
    let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= rawStep } ?? rawStep
    var result: [(Double, String)] = []
    var value = ceil(low / step) * step
    while value <= high + step * 1e-9 {
      result.append((value, Self.label(abs(value) < step * 1e-9 ? 0 : value)))
      value += step
    }
    return result
  }

  /// A compact label: plain digits for moderate values, an exponent otherwise.
  static func label(_ value: Double) -> String {
    let magnitude = abs(value)
    if magnitude == 0 { return "0" }
    if magnitude >= 1e6 || magnitude < 1e-3 { return String(format: "%.3g", value) }
    if value == value.rounded() { return String(Int64(value)) }
    return String(format: "%.4g", value)
  }
}
