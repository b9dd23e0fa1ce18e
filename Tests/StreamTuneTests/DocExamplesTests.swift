import Foundation
import Testing

/// The examples of docs/cli.md, run as documented.
@Suite("Documentation examples", .serialized)
struct DocExamplesTests {
  static let root = SearchSpaceTestSupport.repositoryRoot

  /// The lines of every ```sh block of a Markdown file, in order.
  static func shellExamples(_ path: String) throws -> [String] {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var lines: [String] = []
    var inside = false
    var pending = ""
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("```") {
        inside = !inside && line == "```sh"
        continue
      }
      guard inside, !line.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
      // A trailing backslash continues the command on the next line, as in a shell.
      if line.hasSuffix("\\") {
        pending += line.dropLast() + " "
        continue
      }
      lines.append(pending + line)
      pending = ""
    }
    return lines
  }

  /// The subcommand names that `streamtune --help` lists.
  static func commandNames() throws -> [String] {
    let help = try CLITestSupport.run(["--help"]).output
    var names: [String] = []
    var inCommands = false
    for line in help.split(separator: "\n") {
      if line.hasPrefix("Commands:") {
        inCommands = true
        continue
      }
      if inCommands {
        guard line.hasPrefix("  ") else { break }
        if let name = line.split(separator: " ").first { names.append(String(name)) }
      }
    }
    return names
  }

  @Test("every subcommand has a runnable example")
  func everyCommandHasExample() throws {
    let examples = try Self.shellExamples(Self.root + "/docs/cli.md").joined(separator: "\n")
    let names = try Self.commandNames()
    #expect(names.count >= 8)
    for name in names {
      #expect(examples.contains("streamtune \(name) "), "docs/cli.md has no example of \(name)")
    }
  }

  @Test("every example in docs/cli.md runs and exits 0")
  func examplesRun() throws {
    guard let executable = CLITestSupport.executable else {
      Issue.record("the streamtune executable could not be built")
      return
    }
    let folder = (executable as NSString).deletingLastPathComponent
    try? FileManager.default.removeItem(atPath: "/tmp/streamtune-docs")
    for line in try Self.shellExamples(Self.root + "/docs/cli.md") {
      let shell = Process()
      shell.executableURL = URL(fileURLWithPath: "/bin/sh")
      shell.arguments = ["-c", line]
      shell.currentDirectoryURL = URL(fileURLWithPath: Self.root)
      var environment = ProcessInfo.processInfo.environment
      environment["PATH"] = folder + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
      shell.environment = environment
      let errors = Pipe()
      shell.standardOutput = FileHandle.nullDevice
      shell.standardError = errors
      try shell.run()
      let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      shell.waitUntilExit()
      #expect(shell.terminationStatus == 0, "\(line)\n\(message)")
    }
  }
}
