/// Accumulates C++ source text with two-space indentation.
struct CppBuilder {
  private(set) var lines: [String] = []
  private var depth = 0

  /// Appends one line at the current indentation (an empty string appends a blank line).
  mutating func line(_ text: String) {
    lines.append(text.isEmpty ? "" : String(repeating: "  ", count: depth) + text)
  }

  /// Appends several lines at the current indentation.
  mutating func lines(_ texts: [String]) {
    for text in texts { line(text) }
  }

  /// Appends a line that opens a block (`text {`) and indents what follows.
  mutating func open(_ text: String) {
    line(text.isEmpty ? "{" : text + " {")
    depth += 1
  }

  /// Closes the innermost block.
  mutating func close(_ suffix: String = "") {
    depth -= 1
    line("}" + suffix)
  }

  /// Appends an HLS pragma, guarded so that a plain C++ compiler does not see it (g++ warns
  /// about unknown pragmas under -Wall, and only the vendor tools read them).
  mutating func pragma(_ text: String) {
    lines.append("#if STREAMTUNE_HLS_PRAGMAS")
    lines.append("#pragma HLS \(text)")
    lines.append("#endif")
  }

  /// Appends several HLS pragmas under one guard.
  mutating func pragmas(_ texts: [String]) {
    guard !texts.isEmpty else { return }
    lines.append("#if STREAMTUNE_HLS_PRAGMAS")
    for text in texts { lines.append("#pragma HLS \(text)") }
    lines.append("#endif")
  }

  /// The text, one line per entry, ending in a newline.
  var text: String { lines.joined(separator: "\n") + "\n" }
}
