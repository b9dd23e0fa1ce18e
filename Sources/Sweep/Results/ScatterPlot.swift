import Foundation

/// A scatter plot of result rows as a standalone SVG, with the Pareto front highlighted.
///
/// Axis titles come from the column names, whose unit suffix (`_ms`, `_w`) becomes a unit in
/// brackets. Points can be coloured by a numeric column (a blue-to-yellow ramp with a colour
/// bar) or a text column (a palette with a legend entry per value).
public struct ScatterPlot: Sendable {
  public struct Point: Sendable {
    public var x: Double
    public var y: Double
    /// Value of the colour column, as text.
    public var color: String?
    public var onFront: Bool

    public init(x: Double, y: Double, color: String? = nil, onFront: Bool = false) {
      self.x = x
      self.y = y
      self.color = color
      self.onFront = onFront
    }
  }

  public var points: [Point]
  public var xColumn: String
  public var yColumn: String
  public var colorColumn: String?
  public var logX = false
  public var logY = false
  public var title: String

  public init(
    points: [Point], xColumn: String, yColumn: String, colorColumn: String? = nil,
    logX: Bool = false, logY: Bool = false, title: String
  ) {
    self.points = points
    self.xColumn = xColumn
    self.yColumn = yColumn
    self.colorColumn = colorColumn
    self.logX = logX
    self.logY = logY
    self.title = title
  }

  static let width = 800.0
  static let height = 560.0
  static let left = 90.0
  static let right = 180.0
  static let top = 50.0
  static let bottom = 70.0
  static let palette = [
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
    "#bcbd22", "#17becf",
  ]

  /// A readable axis title: `latency_ms` becomes "latency [ms]".
  public static func axisTitle(_ column: String) -> String {
    let units = [
      "_ms": "ms", "_us": "µs", "_s": "s", "_w": "W", "_mj_per_token": "mJ/token",
      "_tokens_per_s": "tokens/s", "_per_s": "1/s", "_j": "J", "_mhz": "MHz", "_bytes": "bytes",
      "_tokens_per_j": "tokens/J", "_mm2": "mm²",
    ]
    for (suffix, unit) in units.sorted(by: { $0.key.count > $1.key.count })
    where column.hasSuffix(suffix) {
      let stem = String(column.dropLast(suffix.count)).replacingOccurrences(of: "_", with: " ")
      return "\(stem) [\(unit)]"
    }
    return column.replacingOccurrences(of: "_", with: " ") + " [count]"
  }

  /// The SVG document.
  public func svg() -> String {
    let xScale = AxisScale(values: points.map(\.x), logarithmic: logX)
    let yScale = AxisScale(values: points.map(\.y), logarithmic: logY)
    let plotWidth = Self.width - Self.left - Self.right
    let plotHeight = Self.height - Self.top - Self.bottom
    func px(_ value: Double) -> Double? {
      xScale.fraction(value).map { Self.left + $0 * plotWidth }
    }
    func py(_ value: Double) -> Double? {
      yScale.fraction(value).map { Self.top + (1 - $0) * plotHeight }
    }
    // Feasibility reads best as blue for feasible and grey for infeasible points.
    let palette = colorColumn == "feasible" ? ["#bbbbbb", "#1f77b4"] + Self.palette : Self.palette
    let coloring = PointColoring(values: points.compactMap(\.color), palette: palette)

    var svg = SVGWriter(width: Self.width, height: Self.height)
    svg.rect(x: 0, y: 0, width: Self.width, height: Self.height, fill: "white")
    svg.text(title, x: Self.width / 2, y: 28, size: 16, anchor: "middle", weight: "bold")
    svg.rect(
      x: Self.left, y: Self.top, width: plotWidth, height: plotHeight, fill: "none",
      stroke: "#333")
    for tick in xScale.ticks() {
      guard let x = px(tick.value) else { continue }
      svg.line(x1: x, y1: Self.top, x2: x, y2: Self.top + plotHeight, stroke: "#e5e5e5")
      svg.line(x1: x, y1: Self.top + plotHeight, x2: x, y2: Self.top + plotHeight + 5, stroke: "#333")
      svg.text(tick.label, x: x, y: Self.top + plotHeight + 20, size: 12, anchor: "middle")
    }
    for tick in yScale.ticks() {
      guard let y = py(tick.value) else { continue }
      svg.line(x1: Self.left, y1: y, x2: Self.left + plotWidth, y2: y, stroke: "#e5e5e5")
      svg.line(x1: Self.left - 5, y1: y, x2: Self.left, y2: y, stroke: "#333")
      svg.text(tick.label, x: Self.left - 8, y: y + 4, size: 12, anchor: "end")
    }
    let xTitle = Self.axisTitle(xColumn) + (logX ? " (log scale)" : "")
    let yTitle = Self.axisTitle(yColumn) + (logY ? " (log scale)" : "")
    svg.text(xTitle, x: Self.left + plotWidth / 2, y: Self.height - 20, size: 14, anchor: "middle")
    svg.text(
      yTitle, x: 22, y: Self.top + plotHeight / 2, size: 14, anchor: "middle", rotate: -90)

    var dropped = 0
    for point in points where !point.onFront {
      guard let x = px(point.x), let y = py(point.y) else {
        dropped += 1
        continue
      }
      svg.circle(x: x, y: y, radius: 3, fill: coloring.color(point.color), opacity: 0.55)
    }
    let front = points.filter(\.onFront).compactMap { point -> (Double, Double)? in
      guard let x = px(point.x), let y = py(point.y) else { return nil }
      return (x, y)
    }.sorted { $0.0 < $1.0 }
    if front.count > 1 { svg.polyline(front, stroke: "#d62728", width: 1.5) }
    for (x, y) in front {
      svg.circle(x: x, y: y, radius: 5, fill: "none", stroke: "#d62728", strokeWidth: 2)
    }

    let legendX = Self.left + plotWidth + 20
    var legendY = Self.top + 10
    svg.circle(x: legendX + 6, y: legendY, radius: 5, fill: "none", stroke: "#d62728", strokeWidth: 2)
    svg.text("Pareto front (\(front.count))", x: legendX + 18, y: legendY + 4, size: 12)
    legendY += 22
    svg.circle(x: legendX + 6, y: legendY, radius: 3, fill: "#1f77b4", opacity: 0.55)
    svg.text("evaluated (\(points.count))", x: legendX + 18, y: legendY + 4, size: 12)
    legendY += 30
    coloring.drawLegend(&svg, title: colorColumn, x: legendX, y: legendY)
    if dropped > 0 {
      svg.text(
        "\(dropped) points not drawn (not finite or not positive on a log axis)",
        x: Self.left, y: Self.height - 4, size: 10)
    }
    return svg.document
  }
}
