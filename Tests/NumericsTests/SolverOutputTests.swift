import Foundation
import Numerics
import Testing

/// Checks that CLP and CBC write nothing to standard output, which the command-line tool
/// reserves for results such as JSON.
@Suite("Solver output", .serialized)
struct SolverOutputTests {
  /// Runs `body` with file descriptor 1 redirected to a temporary file and returns what was
  /// written there. Swift Testing reports on standard error, so it does not interfere, but
  /// output of solves running at the same time in other tests lands here too.
  static func capturingStandardOutput(_ body: () -> Void) throws -> String {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("numerics-stdout-\(UUID().uuidString).txt")
    let file = open(url.path, O_RDWR | O_CREAT | O_TRUNC, 0o600)
    try #require(file >= 0, "cannot create \(url.path)")
    defer {
      close(file)
      unlink(url.path)
    }

    fflush(nil)
    let saved = dup(STDOUT_FILENO)
    try #require(saved >= 0)
    dup2(file, STDOUT_FILENO)
    body()
    fflush(nil)
    dup2(saved, STDOUT_FILENO)
    close(saved)

    return try String(contentsOf: url, encoding: .utf8)
  }

  @Test("capture sees print")
  func captureWorks() throws {
    let output = try Self.capturingStandardOutput {
      print("marker")
    }
    #expect(output == "marker\n")
  }

  @Test("LP solves print nothing")
  func linearProgramsAreSilent() throws {
    let output = try Self.capturingStandardOutput {
      _ = try? LinearProgramTests.wyndor().solve()

      var infeasible = LinearProgramTests.wyndor()
      infeasible.addConstraint([(index: 0, coefficient: 1)], lower: 10)
      _ = try? infeasible.solve()

      var unbounded = LinearProgram(variableCount: 1, sense: .maximize)
      unbounded.objective = [1]
      _ = try? unbounded.solve()
    }
    #expect(output.isEmpty, "stdout received: \(output.prefix(500))")
  }

  @Test("MILP solves print nothing")
  func mixedIntegerProgramsAreSilent() throws {
    let output = try Self.capturingStandardOutput {
      let textbook = MixedIntegerProgramTests.textbook()
      _ = try? textbook.solve()
      _ = try? textbook.solveRelaxation()

      var infeasible = textbook
      infeasible.addConstraint([(index: 0, coefficient: 1)], lower: 5)
      _ = try? infeasible.solve()

      var unbounded = MixedIntegerProgram(variableCount: 1, sense: .maximize)
      unbounded.objective = [1]
      unbounded.isInteger = [true]
      _ = try? unbounded.solve()

      var timed = MixedIntegerProgramTests.marketSplit(rows: 4, columns: 30, withSlacks: true)
      timed.timeLimitSeconds = 0.05
      _ = try? timed.solve()
    }
    #expect(output.isEmpty, "stdout received: \(output.prefix(500))")
  }
}
