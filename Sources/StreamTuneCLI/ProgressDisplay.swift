import Foundation
import Sweep

/// Shows sweep progress on standard error: a live bar on a terminal, one log line every ten
/// seconds otherwise, nothing with `--quiet`.
final class ProgressDisplay: @unchecked Sendable {
  enum Mode {
    case bar
    case log
    case quiet
  }

  private let mode: Mode
  private let objectives: [String]
  private let lock = NSLock()
  private var lastLog = Date.distantPast
  private var lastDraw = Date.distantPast

  init(quiet: Bool, objectives: [String]) {
    if quiet {
      mode = .quiet
    } else {
      mode = isatty(STDERR_FILENO) == 1 ? .bar : .log
    }
    self.objectives = objectives
  }

  func update(_ progress: SweepProgress) {
    lock.lock()
    defer { lock.unlock() }
    let now = Date()
    switch mode {
    case .quiet:
      return
    case .bar:
      guard now.timeIntervalSince(lastDraw) >= 0.1 else { return }
      lastDraw = now
      FileHandle.standardError.write(Data(("\r\u{1B}[2K" + line(progress, bar: true)).utf8))
    case .log:
      guard now.timeIntervalSince(lastLog) >= 10 else { return }
      lastLog = now
      FileHandle.standardError.write(Data((line(progress, bar: false) + "\n").utf8))
    }
  }

  /// Ends the live bar's line.
  func finish() {
    if mode == .bar { FileHandle.standardError.write(Data("\n".utf8)) }
  }

  private func line(_ progress: SweepProgress, bar: Bool) -> String {
    let fresh = progress.evaluations - progress.replayed
    let rate = progress.elapsedSeconds > 0 ? Double(fresh) / progress.elapsedSeconds : 0
    var parts: [String] = []
    if let budget = progress.budget, budget > 0 {
      let fraction = min(1, Double(progress.evaluations) / Double(budget))
      if bar {
        let filled = Int(fraction * 24)
        parts.append(
          "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: 24 - filled)
            + "]")
      }
      parts.append("\(progress.evaluations)/\(budget) evaluations")
      if rate > 0 {
        parts.append("ETA \(Self.duration(Double(budget - progress.evaluations) / rate))")
      }
    } else {
      parts.append("\(progress.evaluations) evaluations")
    }
    parts.append(String(format: "%.0f/s", rate))
    parts.append("feasible \(progress.feasible)")
    for (name, value) in zip(objectives, progress.best) where !value.isNaN {
      parts.append("best \(name) \(String(format: "%.4g", value))")
    }
    parts.append(String(format: "hypervolume %.4g", progress.hypervolume))
    return parts.joined(separator: "  ")
  }

  static func duration(_ seconds: Double) -> String {
    guard seconds.isFinite, seconds >= 0 else { return "?" }
    let total = Int(seconds.rounded())
    if total >= 3600 { return "\(total / 3600)h\(String(format: "%02d", total % 3600 / 60))m" }
    if total >= 60 { return "\(total / 60)m\(String(format: "%02d", total % 60))s" }
    return "\(total)s"
  }
}
