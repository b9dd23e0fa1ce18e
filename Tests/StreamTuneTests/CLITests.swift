import Foundation
import Testing

@Suite("streamtune command line", .serialized)
struct CLITests {
  typealias Support = SearchSpaceTestSupport

  /// Checks that a failed run printed no crash report.
  private func expectNoCrash(_ outcome: CLITestSupport.Outcome) {
    for marker in [
      "Fatal error", "Stack dump", "Backtrace", "Segmentation fault", "Illegal instruction",
    ] {
      #expect(!outcome.errors.contains(marker), "stderr shows \(marker): \(outcome.errors)")
    }
  }

  @Test("validate accepts a shipped space", arguments: SearchSpaceTestSupport.shippedSpaces)
  func validateShipped(_ name: String) throws {
    let outcome = try CLITestSupport.run(["validate", Support.searchSpacesFolder + "/" + name])
    #expect(outcome.status == 0, "\(outcome.errors)")
    #expect(outcome.output.hasPrefix("ok "))
    #expect(outcome.output.contains("parameters"))
    #expect(outcome.output.contains("design points"))
    #expect(outcome.output.split(separator: "\n").count == 1)
  }

  @Test("validate prints the GPT-2 parameter count")
  func validateParameterCount() throws {
    let outcome = try CLITestSupport.run([
      "validate", Support.searchSpacesFolder + "/gpt2-medium-u55c.json",
    ])
    #expect(outcome.output.contains("354.8 M parameters"), "\(outcome.output)")
    #expect(outcome.output.contains("u55c"))
    #expect(outcome.output.contains("[32:32]"))
  }

  @Test("validate lists every problem")
  func validateFailure() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "streamtune-cli-\(UUID().uuidString)"
    ).path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let text = """
      {
        "model": {"preset": "tiny-block"},
        "precision": {"weight_bits": 3, "activation_bits": 8},
        "workload": {"requests": [[0, 8]]},
        "platform": {"preset": "u55c"},
        "design": {"variables": []},
        "objectives": ["latncy_ms"]
      }
      """
    let file = folder + "/space.json"
    try text.write(toFile: file, atomically: true, encoding: .utf8)

    let outcome = try CLITestSupport.run(["validate", file])
    #expect(outcome.status == 2)
    #expect(outcome.output.isEmpty)
    expectNoCrash(outcome)
    #expect(outcome.errors.contains("\(file):3:32: precision.weight_bits:"))
    #expect(outcome.errors.contains("\(file):4:30: workload.requests[0][0]:"))
    #expect(outcome.errors.contains("objectives[0]: unknown metric \"latncy_ms\""))
    #expect(outcome.errors.contains("3 problems found"))
  }

  @Test("validate rejects every malformed fixture")
  func validateFixtures() throws {
    let folder = Support.fixturesFolder + "/bad-search-spaces"
    let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter {
      $0.hasSuffix(".json")
    }
    for file in files {
      let outcome = try CLITestSupport.run(["validate", file], in: folder)
      #expect(outcome.status == 2, "\(file): \(outcome.errors)")
      #expect(outcome.errors.contains("\(file):"), "\(file): \(outcome.errors)")
      expectNoCrash(outcome)
    }
  }

  @Test("validate rejects a directory")
  func validateDirectory() throws {
    let outcome = try CLITestSupport.run(["validate", Support.searchSpacesFolder])
    #expect(outcome.status == 2)
    #expect(outcome.errors.contains("is a directory"))
    expectNoCrash(outcome)
  }

  @Test("validate names the bad model field", arguments: SearchSpaceLoaderTests.badModels)
  func validateBadModel(_ file: String, _ field: String) throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "streamtune-model-\(UUID().uuidString)"
    ).path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let model = Support.fixturesFolder + "/bad-models/" + file
    try Support.spaceText(modelConfig: model).write(
      toFile: folder + "/space.json", atomically: true, encoding: .utf8)

    let outcome = try CLITestSupport.run(["validate", folder + "/space.json"])
    #expect(outcome.status == 2)
    #expect(outcome.errors.contains("\(field):"), "\(outcome.errors)")
    #expect(outcome.errors.contains(file))
    expectNoCrash(outcome)
  }

  @Test("describe prints kernel tables")
  func describeText() throws {
    let outcome = try CLITestSupport.run([
      "describe", Support.searchSpacesFolder + "/gpt2-medium-u55c.json",
    ])
    #expect(outcome.status == 0, "\(outcome.errors)")
    for expected in [
      "Prefill (prompt of 512 tokens)", "Decode (context of 640 tokens)", "qkv_proj", "k=1024r",
      "n=3072", "LM head      host", "354,", "Design space: 18 variables", "valid design points",
    ] {
      #expect(outcome.output.contains(expected), "missing \(expected)")
    }
  }

  @Test("describe --json is one JSON object")
  func describeJSON() throws {
    let outcome = try CLITestSupport.run([
      "describe", "--json", Support.searchSpacesFolder + "/tiny-block.json",
    ])
    #expect(outcome.status == 0)
    let object = try JSONSerialization.jsonObject(with: Data(outcome.output.utf8)) as? [String: Any]
    let root = try #require(object)
    let phases = try #require(root["phases"] as? [[String: Any]])
    #expect(phases.count == 2)
    #expect((phases[0]["kernels"] as? [Any])?.isEmpty == false)
    let model = try #require(root["model"] as? [String: Any])
    #expect(model["parameter_count"] as? Int == 73_920)
    let space = try #require(root["design_space"] as? [String: Any])
    #expect(space["size"] as? String != nil)
  }

  @Test("help and version exit 0")
  func helpAndVersion() throws {
    let overview = try CLITestSupport.run(["--help"])
    #expect(overview.status == 0)
    #expect(overview.output.contains("validate"))
    #expect(overview.output.contains("describe"))
    let version = try CLITestSupport.run(["--version"])
    #expect(version.status == 0)
    #expect(version.output.hasPrefix("streamtune "))
    for command in ["validate", "describe"] {
      let help = try CLITestSupport.run([command, "--help"])
      #expect(help.status == 0)
      #expect(help.output.contains("Usage: streamtune \(command)"))
      #expect(help.output.contains("--help"))
    }
    let describeHelp = try CLITestSupport.run(["describe", "--help"])
    #expect(describeHelp.output.contains("--json"))
  }

  @Test(
    "usage errors exit 2",
    arguments: [
      ["describ", "x.json"], ["describe", "--jsn", "x.json"], ["validate"],
      ["validate", "a.json", "b.json"], [],
    ])
  func usageErrors(_ arguments: [String]) throws {
    let outcome = try CLITestSupport.run(arguments)
    #expect(outcome.status == 2)
    #expect(!outcome.errors.isEmpty)
    #expect(outcome.output.isEmpty)
    expectNoCrash(outcome)
  }
}
