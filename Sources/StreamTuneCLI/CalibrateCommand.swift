import Foundation
import StreamTune

/// `streamtune calibrate FILE --measured MEASURED.json --out OVERLAY.json`: fits the platform's
/// efficiency constants to measured designs and writes them as a platform overlay.
enum CalibrateCommand: Subcommand {
  static let name = "calibrate"
  static let summary = "fit DMA efficiency and overheads to measured designs; write an overlay"
  static let positionals = [PositionalSpec(name: "FILE", help: "search-space JSON file")]
  static let options: [OptionSpec] = [
    .value(
      "measured", "MEASURED.json", help: "measured designs and their TTFT, decode speed, latency"),
    .value("out", "OVERLAY.json", help: "platform overlay to write with the fitted constants"),
    .value(
      "fit", "LIST",
      help: "constants to fit, comma-separated: dma_efficiency, kernel_overhead_cycles, "
        + "block_overhead_microseconds", default: "all three"),
    .value("max-evaluations", "N", help: "cost-model evaluations the fit may use", default: "400"),
    .flag("json", help: "print one JSON object instead of tables"),
  ]
  static let discussion = """
    The fit minimises the sum of squared relative errors of every measured figure. Constants
    outside their physically plausible range are flagged. The overlay names the search space's
    platform as its base and changes only the efficiency constants; use it as the platform
    "file" of a search space, with the same "clock_mhz" as the measurements.
    """

  static func run(_ arguments: ParsedArguments, console: inout Console) -> ExitCode {
    guard let measuredPath = arguments.value("measured"), let outPath = arguments.value("out")
    else {
      console.diagnostic("error: calibrate needs --measured MEASURED.json and --out OVERLAY.json")
      return .invalidInput
    }
    var options = Calibrator.Options()
    do {
      if let list = arguments.value("fit") { options.constants = try constants(from: list) }
      if let budget = try arguments.integer("max-evaluations", in: 10...1_000_000) {
        options.maxEvaluations = budget
      }
    } catch {
      console.diagnostic("error: \(error.message)")
      return .invalidInput
    }

    let path = arguments.positionals[0]
    guard let space = SpaceLoading.load(path, console: &console) else { return .invalidInput }
    let loaded: (measurements: MeasurementSet, points: [DesignPoint])
    do {
      loaded = try MeasurementFile.load(path: measuredPath, space: space)
    } catch {
      for problem in error.problems { console.diagnostic(problem.description) }
      console.diagnostic("\(measuredPath) is not a valid measurement file")
      return .invalidInput
    }

    let model = CalibrationModel(
      space: space, designs: loaded.measurements.designs, points: loaded.points,
      clockMHz: loaded.measurements.clockMHz)
    let result = Calibrator(model: model, options: options).fit()

    let base = overlayBase(space.platformSource, overlayPath: outPath)
    do {
      try PlatformOverlay.writeOverlay(
        base: base, efficiency: result.after, sources: sources(result, measured: measuredPath),
        to: outPath)
    } catch let error as InputError {
      for problem in error.problems { console.diagnostic(problem.description) }
      return .failure
    } catch {
      console.diagnostic("error: could not write \(outPath): \(error.localizedDescription)")
      return .failure
    }

    if arguments.flag("json") {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
      encoder.keyEncodingStrategy = .convertToSnakeCase
      guard let data = try? encoder.encode(CalibrationJSON(result: result, overlay: outPath))
      else {
        console.diagnostic("error: could not encode the calibration as JSON")
        return .failure
      }
      console.output(String(decoding: data, as: UTF8.self))
    } else {
      for line in CalibrationText.lines(result, overlay: outPath, base: base) {
        console.output(line)
      }
    }
    if space.platform.clockMHz != result.clockMHz {
      console.diagnostic(
        "note: the fit ran at \(CalibrationResult.format(result.clockMHz)) MHz (clock_mhz of "
          + "\(measuredPath)); set the same clock_mhz where the overlay is used")
    }
    return .success
  }

  /// Parses `--fit`.
  static func constants(from list: String) throws(UsageError) -> [EfficiencyConstant] {
    var result: [EfficiencyConstant] = []
    for name in list.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
      guard let constant = EfficiencyConstant(rawValue: name) else {
        let names = EfficiencyConstant.allCases.map(\.rawValue)
        throw UsageError(
          message:
            "unknown constant \"\(name)\" for --fit\(DidYouMean.hint(for: name, among: names)); "
            + "constants: \(names.joined(separator: ", "))")
      }
      if !result.contains(constant) { result.append(constant) }
    }
    guard !result.isEmpty else { throw UsageError(message: "--fit lists no constant") }
    return result
  }

  /// The overlay's base: a preset name as it is, a platform file relative to the overlay's
  /// folder (absolute when the two share no folder).
  static func overlayBase(_ source: String, overlayPath: String) -> String {
    guard source.contains("/") || source.hasSuffix(".json") else { return source }
    let file = URL(fileURLWithPath: source).standardizedFileURL.pathComponents
    let folder = URL(fileURLWithPath: overlayPath).standardizedFileURL
      .deletingLastPathComponent().pathComponents
    var shared = 0
    while shared < min(file.count, folder.count) && file[shared] == folder[shared] { shared += 1 }
    guard shared > 1 else { return URL(fileURLWithPath: source).standardizedFileURL.path }
    let ups = Array(repeating: "..", count: folder.count - shared)
    return (ups + file[shared...]).joined(separator: "/")
  }

  /// Source text of each fitted constant.
  static func sources(_ result: CalibrationResult, measured: String) -> [String: String] {
    let designs = Set(result.comparisons.map(\.design)).sorted().joined(separator: ", ")
    var text: [String: String] = [:]
    for constant in result.constants where constant.fitted {
      text[constant.name.rawValue] =
        "fitted by streamtune calibrate to \(designs) in \(measured) at "
        + "\(CalibrationResult.format(result.clockMHz)) MHz (least squares on relative errors); "
        + constant.judgement
    }
    for constant in result.constants where !constant.fitted {
      text[constant.name.rawValue] = "not fitted: the base platform's value"
    }
    return text
  }
}

/// The `--json` output of `calibrate`.
struct CalibrationJSON: Encodable {
  var result: CalibrationResult
  var overlay: String
  var rmsErrorBefore: Double
  var rmsErrorAfter: Double

  init(result: CalibrationResult, overlay: String) {
    self.result = result
    self.overlay = overlay
    rmsErrorBefore = result.rmsErrorBefore
    rmsErrorAfter = result.rmsErrorAfter
  }
}

/// The plain-text report of `calibrate`: errors per measured figure, then the constants.
enum CalibrationText {
  static func lines(_ result: CalibrationResult, overlay: String, base: String) -> [String] {
    var lines = [
      "Measured figures (estimates at \(CalibrationResult.format(result.clockMHz)) MHz; error = "
        + "(estimate - measured) / measured)",
      row(["design", "request", "metric", "measured", "before", "error", "after", "error"]),
    ]
    for comparison in result.comparisons {
      lines.append(
        row([
          comparison.design, comparison.request.description, comparison.metric.rawValue,
          CalibrationResult.format(comparison.measured),
          CalibrationResult.format(comparison.before), percent(comparison.errorBefore),
          CalibrationResult.format(comparison.after), percent(comparison.errorAfter),
        ]))
    }
    lines.append(
      "RMS relative error: \(percent(result.rmsErrorBefore)) before, "
        + "\(percent(result.rmsErrorAfter)) after (\(result.evaluations) evaluations)")
    lines.append("")
    lines.append("Constants")
    lines.append(row(["constant", "before", "after", "judgement"]))
    for constant in result.constants {
      let judgement = constant.fitted ? constant.judgement : "not fitted"
      lines.append(
        row([
          constant.name.rawValue, CalibrationResult.format(constant.before),
          CalibrationResult.format(constant.after), judgement,
        ]))
    }
    lines.append("")
    lines.append("Wrote \(overlay) (base \(base))")
    return lines
  }

  static func percent(_ value: Double) -> String {
    let sign = value >= 0 ? "+" : ""
    return sign + CalibrationResult.format(value * 100) + "%"
  }

  /// Pads cells to fixed widths; the last cell is left unpadded.
  static func row(_ cells: [String]) -> String {
    let widths = [26, 10, 20, 10, 10, 10, 10, 10]
    var text = ""
    for (index, cell) in cells.enumerated() {
      let isLast = index == cells.count - 1
      let width = index < widths.count ? widths[index] : 12
      text +=
        isLast
        ? cell : cell.padding(toLength: max(width, cell.count + 1), withPad: " ", startingAt: 0)
    }
    return text
  }
}
