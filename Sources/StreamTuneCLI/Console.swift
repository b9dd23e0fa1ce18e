import Foundation

/// The output streams of the command line: results to standard output, diagnostics to
/// standard error.
struct Console {
  /// Writes a line of results to standard output.
  mutating func output(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
  }

  /// Writes a line of diagnostics to standard error.
  mutating func diagnostic(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
  }
}
