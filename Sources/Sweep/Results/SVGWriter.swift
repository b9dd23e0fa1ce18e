import Foundation

/// Builds an SVG document from primitive shapes, escaping text.
struct SVGWriter {
  private var body = ""
  let width: Double
  let height: Double

  init(width: Double, height: Double) {
    self.width = width
    self.height = height
  }

  var document: String {
    """
    <?xml version="1.0" encoding="UTF-8"?>
    <svg xmlns="http://www.w3.org/2000/svg" width="\(f(width))" height="\(f(height))" \
    viewBox="0 0 \(f(width)) \(f(height))" font-family="DejaVu Sans, Helvetica, Arial, sans-serif">
    \(body)</svg>

    """
  }

  mutating func rect(
    x: Double, y: Double, width: Double, height: Double, fill: String, stroke: String? = nil
  ) {
    let strokeAttribute = stroke.map { " stroke=\"\($0)\"" } ?? ""
    body +=
      "<rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(width))\" height=\"\(f(height))\" fill=\"\(fill)\"\(strokeAttribute)/>\n"
  }

  mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String) {
    body +=
      "<line x1=\"\(f(x1))\" y1=\"\(f(y1))\" x2=\"\(f(x2))\" y2=\"\(f(y2))\" stroke=\"\(stroke)\"/>\n"
  }

  mutating func circle(
    x: Double, y: Double, radius: Double, fill: String, opacity: Double = 1,
    stroke: String? = nil, strokeWidth: Double = 1
  ) {
    var attributes = "cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"\(f(radius))\" fill=\"\(fill)\""
    if opacity < 1 { attributes += " fill-opacity=\"\(f(opacity))\"" }
    if let stroke { attributes += " stroke=\"\(stroke)\" stroke-width=\"\(f(strokeWidth))\"" }
    body += "<circle \(attributes)/>\n"
  }

  mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double) {
    let list = points.map { "\(f($0.0)),\(f($0.1))" }.joined(separator: " ")
    body +=
      "<polyline points=\"\(list)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(f(width))\"/>\n"
  }

  mutating func text(
    _ content: String, x: Double, y: Double, size: Double, anchor: String = "start",
    weight: String = "normal", rotate: Double? = nil
  ) {
    let transform = rotate.map { " transform=\"rotate(\(f($0)) \(f(x)) \(f(y)))\"" } ?? ""
    body +=
      "<text x=\"\(f(x))\" y=\"\(f(y))\" font-size=\"\(f(size))\" text-anchor=\"\(anchor)\" font-weight=\"\(weight)\"\(transform)>\(escape(content))</text>\n"
  }

  private func f(_ value: Double) -> String { String(format: "%.2f", value) }

  private func escape(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;")
  }
}
