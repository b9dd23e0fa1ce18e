import Foundation
import StreamTune
import Testing

/// One malformed search-space file and what its error list must contain.
struct BadSpaceCase: CustomTestStringConvertible, Sendable {
  var file: String
  /// The JSON path one reported problem must have.
  var path: String
  /// Words that problem's message must contain.
  var words: [String]

  var testDescription: String { file }
}

@Suite("Malformed search spaces")
struct SearchSpaceBadFileTests {
  static let folder = SearchSpaceTestSupport.fixturesFolder + "/bad-search-spaces"

  static let cases: [BadSpaceCase] = [
    .init(
      file: "truncated.json", path: "(file)", words: ["invalid JSON", "line 22", "end of file"]),
    .init(file: "empty.json", path: "(file)", words: ["empty"]),
    .init(file: "array-root.json", path: "(root)", words: ["JSON object", "array"]),
    .init(file: "nan-clock.json", path: "(file)", words: ["NaN", "line 20"]),
    .init(file: "missing-design.json", path: "design", words: ["missing required section"]),
    .init(file: "missing-model.json", path: "model", words: ["missing required section"]),
    .init(
      file: "misspelt-section.json", path: "objectivs",
      words: ["unknown key", "did you mean \"objectives\""]),
    .init(
      file: "misspelt-variable-key.json", path: "design.variables[0].valuez",
      words: ["did you mean \"values\""]),
    .init(
      file: "requests-not-array.json", path: "workload.requests", words: ["an array", "string"]),
    .init(
      file: "zero-input-tokens.json", path: "workload.requests[0][0]", words: ["0 must be positive"]
    ),
    .init(
      file: "negative-output-tokens.json", path: "workload.requests[1][1]",
      words: ["-4", "positive"]),
    .init(
      file: "huge-input-tokens.json", path: "workload.requests[0][0]",
      words: ["1e30", "out of range"]),
    .init(
      file: "fractional-batch.json", path: "workload.batch_size", words: ["1.5", "not an integer"]),
    .init(
      file: "context-beyond-model.json", path: "workload.requests[0]",
      words: ["300 tokens", "256 positions"]),
    .init(
      file: "unknown-lm-head.json", path: "workload.lm_head",
      words: ["\"gpu\"", "fpga, host, excluded"]),
    .init(
      file: "unsupported-weight-bits.json", path: "precision.weight_bits",
      words: ["5", "4, 8, 16, 32"]),
    .init(
      file: "float-with-int-accumulator.json", path: "precision.accumulator",
      words: ["int32", "fp32"]),
    .init(
      file: "non-dividing-tile.json", path: "design.variables[0].values[1]",
      words: ["24", "q_proj", "loop k", "trip count 64"]),
    .init(
      file: "non-dividing-default-tile.json", path: "design.defaults.tile.n",
      words: ["48", "norm1", "trip count 64"]),
    .init(
      file: "unroll-above-every-tile.json", path: "design.variables[1].values[2]",
      words: ["unroll 128", "at most 32"]),
    .init(
      file: "unknown-kernel.json", path: "design.variables[0].kernels[0]",
      words: ["q_prj", "did you mean \"q_proj\""]),
    .init(
      file: "unknown-loop.json", path: "design.variables[0].kernels[0]",
      words: ["no loop \"kk\"", "did you mean \"k\""]),
    .init(
      file: "unknown-operation.json", path: "design.variables[0].kernels",
      words: ["gem", "did you mean \"gemm\""]),
    .init(
      file: "unknown-parameter.json", path: "design.variables[0].parameter",
      words: ["tilee", "did you mean \"tile\""]),
    .init(
      file: "unknown-strategy.json", path: "search.strategy",
      words: ["annealing", "did you mean \"anneal\""]),
    .init(
      file: "unknown-objective.json", path: "objectives[0].metric",
      words: ["latency", "did you mean \"latency_ms\""]),
    .init(file: "duplicate-objective.json", path: "objectives[2].metric", words: ["dsp", "twice"]),
    .init(
      file: "missing-model-file.json", path: "model.config",
      words: ["no-such-model.json", "not found"]),
    .init(file: "model-is-directory.json", path: "model.config", words: ["directory"]),
    .init(file: "bad-model-config.json", path: "num_attention_heads", words: ["positive"]),
    .init(
      file: "unknown-platform-preset.json", path: "platform.preset",
      words: ["u55", "did you mean \"u55c\""]),
    .init(
      file: "missing-platform-file.json", path: "platform.file",
      words: ["no-such-card.json", "not found"]),
    .init(
      file: "clock-out-of-range.json", path: "platform.clock_mhz", words: ["5000", "at most 1000"]),
    .init(
      file: "values-not-increasing.json", path: "design.variables[0].values[1]", words: ["increase"]
    ),
    .init(
      file: "duplicate-variable-name.json", path: "design.variables[1].name",
      words: ["tile_k", "already used"]),
    .init(
      file: "overlapping-targets.json", path: "design.variables[3]",
      words: ["o_proj loop k", "already set", "tile_k"]),
    .init(
      file: "fuse-without-explicit-policy.json", path: "design.variables[2]",
      words: ["explicit", "fusion_policy"]),
    .init(
      file: "condition-unknown-value.json", path: "design.variables[3].when.fusion",
      words: ["sometimes", "greedy, explicit"]),
    .init(
      file: "unknown-edge.json", path: "design.variables[3].edges[0]",
      words: ["q_proj->down_proj", "not an edge"]),
    .init(file: "zero-budget.json", path: "search.budget", words: ["0 must be positive"]),
    .init(file: "budget-as-string.json", path: "search.budget", words: ["an integer", "string"]),
    .init(
      file: "utilisation-above-one.json", path: "constraints.utilisation_ceiling",
      words: ["1.5", "at most 1"]),
    .init(file: "lane-budget-too-small.json", path: "design", words: ["max_total_unroll is 10"]),
    .init(
      file: "zero-channels.json", path: "design.variables[3].values[0]",
      words: ["0 must be positive"]),
    .init(
      file: "channels-above-device.json", path: "design.variables[3].values[1]",
      words: ["4096", "between 1 and 32"]),
    .init(
      file: "kernels-on-global-parameter.json", path: "design.variables[2].kernels",
      words: ["takes no \"kernels\""]),
    .init(
      file: "lutram-above-uram.json", path: "design.defaults.lutram_max_bits",
      words: ["200000", "below uram_min_bits"]),
    .init(
      file: "chained-condition.json", path: "design.variables[4].when.fuse_a", words: ["chained"]),
    .init(file: "huge-seed.json", path: "search.seed", words: ["out of range"]),
    .init(
      file: "unknown-constraint.json", path: "constraints.max_dps",
      words: ["did you mean \"max_dsp\""]),
  ]

  @Test("Every fixture has a case")
  func fixturesCovered() throws {
    let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder).filter {
      $0.hasSuffix(".json")
    }
    #expect(files.count >= 30)
    #expect(Set(files) == Set(Self.cases.map(\.file)))
  }

  @Test("Fixture is rejected with its path", arguments: cases)
  func rejected(_ testCase: BadSpaceCase) {
    let path = Self.folder + "/" + testCase.file
    do {
      let space = try SearchSpaceLoader.load(path: path)
      Issue.record("\(testCase.file) loaded with \(space.design.variables.count) variables")
    } catch {
      let matching = error.problems.filter { $0.path == testCase.path }
      #expect(!matching.isEmpty, "paths reported: \(error.problems.map(\.path))")
      for word in testCase.words {
        #expect(
          matching.contains { $0.message.contains(word) },
          "no problem at \(testCase.path) mentions \(word): \(matching.map(\.message))")
      }
      #expect(error.problems.allSatisfy { !$0.message.isEmpty && !$0.file.isEmpty })
    }
  }

  @Test("Every problem of a file is listed")
  func collectsEveryProblem() throws {
    let text = """
      {
        "model": {"preset": "tiny-block"},
        "precision": {"weight_bits": 3, "activation_bits": 8},
        "workload": {"requests": [[0, 8], [16, 0]], "batch_size": -1},
        "platform": {"preset": "u55c"},
        "design": {"variables": [{"name": "t", "parameter": "tile", "kernels": "*", "loop": "k", "values": [7]}]},
        "objectives": ["latncy_ms"],
        "search": {"budget": 0, "strategi": "random"}
      }
      """
    do {
      _ = try SearchSpaceLoader.load(
        InputFile.parse(Array(text.utf8), file: "inline.json"), file: "inline.json")
      Issue.record("the file loaded")
    } catch {
      let paths = Set(error.problems.map(\.path))
      for expected in [
        "precision.weight_bits", "workload.requests[0][0]", "workload.requests[1][1]",
        "workload.batch_size", "objectives[0]", "search.budget", "search.strategi",
      ] {
        #expect(paths.contains(expected), "missing \(expected) in \(paths.sorted())")
      }
      #expect(error.problems.allSatisfy { $0.line != nil && $0.column != nil })
    }
  }
}
