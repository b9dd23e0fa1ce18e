import Foundation
import Testing

@testable import StreamTune

@Suite struct CalibrationTests {
  static let folder = SearchSpaceTestSupport.searchSpacesFolder
  static let published = folder + "/measurements/streamtensor-gpt2-u55c.json"

  static func temporaryFile(_ text: String) throws -> String {
    let path = NSTemporaryDirectory() + "calibration-\(UUID().uuidString).json"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  static func measurement(_ design: String) -> String {
    "{\"designs\": [\(design)]}"
  }

  @Test func fitReproducesModelMadeMeasurement() throws {
    // Figures the model itself gives with known constants must be reproduced by the fit.
    let space = try SearchSpaceLoader.load(path: Self.folder + "/tiny-block.json")
    let row = "{\"config\": {\"gemm_unroll_k\": 16}, \"request\": [16, 16], \"ttft_ms\": 1}"
    let loaded = try MeasurementFile.parse(
      JSONParser.parse(Self.measurement(row)), file: "measured.json", space: space)
    let probe = CalibrationModel(
      space: space, designs: loaded.measurements.designs, points: loaded.points)
    let truth = Efficiency(
      dmaEfficiency: 0.7, kernelOverheadCycles: 150, blockOverheadMicroseconds: 8)
    let figures = probe.requestMetrics(efficiency: truth)[0]
    var design = loaded.measurements.designs[0]
    design.ttftMs = figures.ttftMs
    design.decodeTokensPerS = figures.decodeTokensPerS
    design.latencyMs = figures.latencyMs
    let model = CalibrationModel(space: space, designs: [design], points: loaded.points)

    let result = Calibrator(model: model).fit()

    #expect(result.comparisons.count == 3)
    for comparison in result.comparisons {
      #expect(abs(comparison.errorAfter) <= 0.05, "\(comparison.metric)")
    }
    #expect(result.rmsErrorAfter <= result.rmsErrorBefore)
    #expect(result.evaluations <= Calibrator.Options().maxEvaluations + 2)
  }

  @Test func publishedRowFitNeverWorsensErrors() throws {
    let space = try SearchSpaceLoader.load(path: Self.folder + "/gpt2-medium-u55c.json")
    let loaded = try MeasurementFile.load(path: Self.published, space: space)
    let model = CalibrationModel(
      space: space, designs: loaded.measurements.designs, points: loaded.points,
      clockMHz: loaded.measurements.clockMHz)
    var options = Calibrator.Options()
    options.maxEvaluations = 60

    let result = Calibrator(model: model, options: options).fit()

    #expect(result.clockMHz == 250)
    #expect(result.comparisons.map(\.metric) == [.ttftMs, .decodeTokensPerS, .latencyMs])
    #expect(result.rmsErrorAfter <= result.rmsErrorBefore)
    for constant in result.constants {
      #expect(constant.name.bounds.contains(constant.after))
    }
  }

  @Test func presetKnobsDefaultToEvaluateDefaults() throws {
    let space = try SearchSpaceLoader.load(path: Self.folder + "/tiny-block.json")
    let row = "{\"preset\": \"streamtensor\", \"request\": [16, 16], \"latency_ms\": 2}"

    let loaded = try MeasurementFile.parse(
      JSONParser.parse(Self.measurement(row)), file: "measured.json", space: space)

    #expect(
      loaded.measurements.designs[0].configuration
        == .streamTensorPreset(
          defaultTile: StreamTensorPreset.defaultTile,
          unrollBudget: StreamTensorPreset.defaultUnrollBudget))
  }

  @Test(arguments: [
    ("{\"designs\": []}", "designs"),
    (measurement("{\"preset\": \"streamtensor\", \"request\": [16, 16]}"), "designs[0]"),
    (
      measurement("{\"preset\": \"other\", \"request\": [16, 16], \"ttft_ms\": 1}"),
      "designs[0].preset"
    ),
    (
      measurement("{\"config\": {\"gemm_tile\": 16}, \"request\": [16, 16], \"ttft_ms\": 1}"),
      "designs[0].config.gemm_tile"
    ),
    (
      measurement("{\"config\": {\"gemm_tile_k\": 12}, \"request\": [16, 16], \"ttft_ms\": 1}"),
      "designs[0].config.gemm_tile_k"
    ),
    (
      measurement("{\"preset\": \"streamtensor\", \"request\": [16], \"ttft_ms\": 1}"),
      "designs[0].request"
    ),
    (
      measurement("{\"preset\": \"streamtensor\", \"request\": [16, 16], \"ttft_ms\": -1}"),
      "designs[0].ttft_ms"
    ),
    ("{\"designs\": [], \"clock\": 250}", "clock"),
  ])
  func badMeasurementNamesPath(text: String, path: String) throws {
    let space = try SearchSpaceLoader.load(path: Self.folder + "/tiny-block.json")

    let error = #expect(throws: InputError.self) {
      try MeasurementFile.parse(JSONParser.parse(text), file: "measured.json", space: space)
    }

    #expect(error?.problems.contains { $0.path == path } == true, "\(error?.problems ?? [])")
  }

  @Test func commandWritesLoadableOverlay() throws {
    let overlay = NSTemporaryDirectory() + "overlay-\(UUID().uuidString).json"
    let measured = try Self.temporaryFile(
      Self.measurement(
        "{\"config\": {\"gemm_unroll_k\": 16}, \"request\": [16, 16], \"latency_ms\": 5}"))

    let outcome = try CLITestSupport.run([
      "calibrate", Self.folder + "/tiny-block.json", "--measured", measured, "--out", overlay,
      "--max-evaluations", "30", "--json",
    ])

    #expect(outcome.status == 0, "\(outcome.errors)")
    #expect(outcome.output.contains("\"rms_error_after\""))
    let platform = try PlatformLoader.load(path: overlay)
    #expect(platform.name == "u55c")
    #expect(platform.efficiency.dmaEfficiency > 0)
  }

  @Test func commandRejectsBadMeasurementWithExitTwo() throws {
    let measured = try Self.temporaryFile(
      Self.measurement("{\"preset\": \"streamtensor\", \"request\": [16, 0], \"ttft_ms\": 1}"))

    let outcome = try CLITestSupport.run([
      "calibrate", Self.folder + "/tiny-block.json", "--measured", measured, "--out",
      NSTemporaryDirectory() + "unused.json",
    ])

    #expect(outcome.status == 2)
    #expect(outcome.errors.contains("designs[0].request[1]"))
  }
}
