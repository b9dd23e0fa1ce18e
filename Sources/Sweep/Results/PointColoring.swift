import Foundation

/// Colours for points by a column: a continuous ramp for numbers, a palette for categories.
struct PointColoring {
  private let numeric: Bool
  private let low: Double
  private let high: Double
  private let categories: [String]
  private let palette: [String]

  init(values: [String], palette: [String]) {
    self.palette = palette
    let numbers = values.compactMap(Double.init).filter(\.isFinite)
    numeric = !values.isEmpty && numbers.count == values.count && Set(values).count > palette.count
    low = numbers.min() ?? 0
    high = numbers.max() ?? 1
    var seen: [String] = []
    for value in values where !seen.contains(value) { seen.append(value) }
    categories = seen.sorted {
      if let a = Double($0), let b = Double($1) { return a < b }
      return $0 < $1
    }
  }

  /// The fill colour of a point; the default blue without a colour column.
  func color(_ value: String?) -> String {
    guard let value else { return palette[0] }
    if numeric {
      let number = Double(value) ?? low
      return ramp(high > low ? (number - low) / (high - low) : 0.5)
    }
    let index = categories.firstIndex(of: value) ?? 0
    return index < palette.count ? palette[index] : "#999999"
  }

  /// Blue (0) through green to yellow (1), close to the viridis colour map.
  private func ramp(_ fraction: Double) -> String {
    let stops: [(Double, Double, Double)] = [
      (68, 1, 84), (59, 82, 139), (33, 145, 140), (94, 201, 98), (253, 231, 37),
    ]
    let position = max(0, min(1, fraction)) * Double(stops.count - 1)
    let index = min(stops.count - 2, Int(position))
    let t = position - Double(index)
    let (r0, g0, b0) = stops[index]
    let (r1, g1, b1) = stops[index + 1]
    return String(
      format: "#%02x%02x%02x", Int(r0 + (r1 - r0) * t), Int(g0 + (g1 - g0) * t),
      Int(b0 + (b1 - b0) * t))
  }

  func drawLegend(_ svg: inout SVGWriter, title: String?, x: Double, y: Double) {
    guard let title, !categories.isEmpty else { return }
    svg.text(title, x: x, y: y, size: 12, weight: "bold")
    if numeric {
      for step in 0..<10 {
        let fraction = Double(step) / 9
        svg.rect(
          x: x, y: y + 10 + Double(9 - step) * 12, width: 16, height: 12, fill: ramp(fraction))
      }
      svg.text(AxisScale.label(high), x: x + 22, y: y + 20, size: 11)
      svg.text(AxisScale.label(low), x: x + 22, y: y + 128, size: 11)
      return
    }
    for (index, category) in categories.prefix(palette.count).enumerated() {
      let rowY = y + 18 + Double(index) * 18
      svg.circle(x: x + 6, y: rowY, radius: 5, fill: palette[index])
      svg.text(category, x: x + 18, y: rowY + 4, size: 11)
    }
    if categories.count > palette.count {
      svg.text(
        "+\(categories.count - palette.count) more (grey)", x: x,
        y: y + 18 + Double(palette.count) * 18 + 4, size: 11)
    }
  }
}
