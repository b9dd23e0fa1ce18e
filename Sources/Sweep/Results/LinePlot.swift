import Foundation

/// A line chart of several series as a standalone SVG, such as hypervolume against
/// evaluations with one line per strategy.
public struct LinePlot: Sendable {
  /// One line: its legend label and its points in x order.
  public struct Series: Sendable {
    public var label: String
    public var points: [(x: Double, y: Double)]

    public init(label: String, points: [(x: Double, y: Double)]) {
      self.label = label
      self.points = points
    }
  }

  public var series: [Series]
  public var xTitle: String
  public var yTitle: String
  public var logX: Bool
  public var title: String

  public init(series: [Series], xTitle: String, yTitle: String, logX: Bool = false, title: String) {
    self.series = series
    self.xTitle = xTitle
    self.yTitle = yTitle
    self.logX = logX
    self.title = title
  }

  /// Renders the SVG document. Points that cannot be drawn (not finite, or not positive on a
  /// logarithmic axis) break their line and are counted under the plot.
  public func svg() -> String {
    let width = ScatterPlot.width
    let height = ScatterPlot.height
    let left = ScatterPlot.left
    let top = ScatterPlot.top
    let plotWidth = width - left - ScatterPlot.right
    let plotHeight = height - top - ScatterPlot.bottom
    let xScale = AxisScale(values: series.flatMap { $0.points.map(\.x) }, logarithmic: logX)
    let yScale = AxisScale(values: series.flatMap { $0.points.map(\.y) }, logarithmic: false)

    var svg = SVGWriter(width: width, height: height)
    svg.rect(x: 0, y: 0, width: width, height: height, fill: "white")
    svg.text(title, x: width / 2, y: 28, size: 16, anchor: "middle", weight: "bold")
    svg.rect(x: left, y: top, width: plotWidth, height: plotHeight, fill: "none", stroke: "#333")
    for tick in xScale.ticks() {
      guard let fraction = xScale.fraction(tick.value) else { continue }
      let x = left + fraction * plotWidth
      svg.line(x1: x, y1: top, x2: x, y2: top + plotHeight, stroke: "#e5e5e5")
      svg.text(tick.label, x: x, y: top + plotHeight + 20, size: 12, anchor: "middle")
    }
    for tick in yScale.ticks() {
      guard let fraction = yScale.fraction(tick.value) else { continue }
      let y = top + (1 - fraction) * plotHeight
      svg.line(x1: left, y1: y, x2: left + plotWidth, y2: y, stroke: "#e5e5e5")
      svg.text(tick.label, x: left - 8, y: y + 4, size: 12, anchor: "end")
    }
    svg.text(
      xTitle + (logX ? " (log scale)" : ""), x: left + plotWidth / 2, y: height - 20, size: 14,
      anchor: "middle")
    svg.text(yTitle, x: 22, y: top + plotHeight / 2, size: 14, anchor: "middle", rotate: -90)

    var dropped = 0
    var legendY = top + 10
    for (index, line) in series.enumerated() {
      let color = ScatterPlot.palette[index % ScatterPlot.palette.count]
      var segment: [(Double, Double)] = []
      func flush() {
        if segment.count > 1 { svg.polyline(segment, stroke: color, width: 2) }
        segment = []
      }
      for point in line.points {
        guard let fx = xScale.fraction(point.x), let fy = yScale.fraction(point.y) else {
          dropped += 1
          flush()
          continue
        }
        let position = (left + fx * plotWidth, top + (1 - fy) * plotHeight)
        segment.append(position)
        svg.circle(x: position.0, y: position.1, radius: 3, fill: color)
      }
      flush()
      let legendX = left + plotWidth + 20
      svg.line(x1: legendX, y1: legendY, x2: legendX + 16, y2: legendY, stroke: color)
      svg.circle(x: legendX + 8, y: legendY, radius: 3, fill: color)
      svg.text(line.label, x: legendX + 22, y: legendY + 4, size: 12)
      legendY += 20
    }
    if dropped > 0 {
      svg.text(
        "\(dropped) points not drawn (not finite or not positive on a log axis)", x: left,
        y: height - 4, size: 10)
    }
    return svg.document
  }
}
