import Foundation
import Testing

@testable import StreamTune

/// A temporary folder for platform files, removed when the test ends.
struct PlatformScratch: ~Copyable {
  let folder: String

  init() throws {
    folder =
      FileManager.default.temporaryDirectory
      .appendingPathComponent("streamtune-platform-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
  }

  deinit {
    try? FileManager.default.removeItem(atPath: folder)
  }

  /// Writes a file into the folder and returns its path.
  func write(_ name: String, _ text: String) throws -> String {
    let path = (folder as NSString).appendingPathComponent(name)
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  /// Returns the problems loading a file reports, or an empty list when it loads.
  func problems(loading path: String) -> [InputProblem] {
    do {
      _ = try PlatformLoader.load(path: path)
      return []
    } catch {
      return error.problems
    }
  }
}

/// Returns a number leaf with a test source.
func leaf(_ value: String, status: String = "estimate") -> String {
  "{\"value\": \(value), \"source\": \"test estimate\", \"status\": \"\(status)\"}"
}

/// Returns an SLR object whose DSP count is given as JSON text.
func slr(dsp: String = "2000") -> String {
  "{\"lut\": \(leaf("300000")), \"ff\": \(leaf("600000")), \"dsp\": \(leaf(dsp)), "
    + "\"bram18k\": \(leaf("1000")), \"uram\": \(leaf("300"))}"
}

@Suite("Platform validation")
struct PlatformValidationTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var label: String
    /// Overlay body added after `"base": "u55c"`.
    var overlay: String
    var path: String
    var messageFragment: String

    var testDescription: String { label }
  }

  static let cases: [Case] = [
    Case(
      label: "unknown top-level key", overlay: "\"efficency\": {}", path: "efficency",
      messageFragment: "did you mean \"efficiency\""),
    Case(
      label: "unknown nested key",
      overlay: "\"efficiency\": {\"dma_eficiency\": \(leaf("0.5"))}",
      path: "efficiency.dma_eficiency", messageFragment: "did you mean \"dma_efficiency\""),
    Case(
      label: "negative DSP", overlay: "\"slrs\": [\(slr()), \(slr(dsp: "-5"))]",
      path: "slrs[1].dsp", messageFragment: "must be a positive integer; got -5"),
    Case(
      label: "zero DSP", overlay: "\"slrs\": [\(slr(dsp: "0"))]", path: "slrs[0].dsp",
      messageFragment: "got 0"),
    Case(
      label: "fractional DSP", overlay: "\"slrs\": [\(slr(dsp: "20.5"))]", path: "slrs[0].dsp",
      messageFragment: "must be a positive integer"),
    Case(
      label: "string for number",
      overlay: "\"efficiency\": {\"kernel_overhead_cycles\": \(leaf("\"200\""))}",
      path: "efficiency.kernel_overhead_cycles", messageFragment: "got string \"200\""),
    Case(
      label: "fraction above one",
      overlay: "\"efficiency\": {\"dma_efficiency\": \(leaf("1.2"))}",
      path: "efficiency.dma_efficiency", messageFragment: "in (0, 1]; got 1.2"),
    Case(
      label: "zero fraction", overlay: "\"efficiency\": {\"dma_efficiency\": \(leaf("0"))}",
      path: "efficiency.dma_efficiency", messageFragment: "in (0, 1]"),
    Case(
      label: "infinite number", overlay: "\"clock_mhz\": \(leaf("1e999"))", path: "clock_mhz",
      messageFragment: "finite"),
    Case(
      label: "empty SLR list", overlay: "\"slrs\": []", path: "slrs",
      messageFragment: "non-empty array"),
    Case(
      label: "bare number without source", overlay: "\"clock_mhz\": 250", path: "clock_mhz",
      messageFragment: "source and status"),
    Case(
      label: "unknown status", overlay: "\"clock_mhz\": \(leaf("250", status: "estimat"))",
      path: "clock_mhz.status", messageFragment: "did you mean \"estimate\""),
    Case(
      label: "missing source",
      overlay: "\"clock_mhz\": {\"value\": 250, \"status\": \"estimate\"}",
      path: "clock_mhz.source", messageFragment: "missing required field"),
    Case(
      label: "channels and attach SLRs disagree",
      overlay: memoryOverlay(channels: 32, slrs: Array(repeating: 0, count: 31)),
      path: "memories[0].channel_slr", messageFragment: "31 SLR indices but channels is 32"),
    Case(
      label: "attach SLR out of range", overlay: memoryOverlay(channels: 2, slrs: [0, 5]),
      path: "memories[0].channel_slr[1]", messageFragment: "0 to 2; got 5"),
    Case(
      label: "port width not a power of two",
      overlay: memoryOverlay(channels: 1, slrs: [0], portBits: 500),
      path: "memories[0].max_port_bits", messageFragment: "power of two"),
    Case(
      label: "unknown memory kind",
      overlay: memoryOverlay(channels: 1, slrs: [0], kind: "hmb"), path: "memories[0].kind",
      messageFragment: "must be \"hbm\" or \"ddr\"; got string \"hmb\""),
    Case(
      label: "SLRs exceed the device",
      overlay: "\"slrs\": [\(slr(dsp: "5000")), \(slr(dsp: "5000"))]", path: "slrs",
      messageFragment: "more than device.dsp"),
    Case(
      label: "mixed integer and float packing",
      overlay: "\"dsp_packing\": [{\"weights\": \"int8\", \"activations\": \"fp16\", "
        + "\"macs_per_dsp\": \(leaf("1"))}]",
      path: "dsp_packing[0]", messageFragment: "mixes an integer and a floating-point"),
    Case(
      label: "aspect ratio larger than the block",
      overlay: "\"bram18k_aspects\": \(leaf("[{\"width\": 72, \"depth\": 512}]"))",
      path: "bram18k_aspects[0]", messageFragment: "more than the block's 18432 bits"),
    Case(
      label: "static power above TDP",
      overlay: "\"power\": {\"static_watts\": \(leaf("200"))}", path: "power.static_watts",
      messageFragment: "below power.tdp_watts"),
  ]

  static func memoryOverlay(
    channels: Int, slrs: [Int], portBits: Int = 512, kind: String = "hbm"
  ) -> String {
    "\"memories\": [{\"kind\": \"\(kind)\", \"channels\": \(leaf("\(channels)")), "
      + "\"channel_gb_per_second\": \(leaf("14.375")), "
      + "\"channel_capacity_mib\": \(leaf("512")), \"channel_slr\": \(leaf("\(slrs)")), "
      + "\"max_port_bits\": \(leaf("\(portBits)")), \"pj_per_byte\": \(leaf("40"))}]"
  }

  @Test("malformed overlay is rejected", arguments: cases)
  func rejected(_ testCase: Case) throws {
    let scratch = try PlatformScratch()
    let path = try scratch.write(
      "bad.json", "{\"base\": \"u55c\", \(testCase.overlay)}")

    let problems = scratch.problems(loading: path)

    let match = problems.first { $0.path == testCase.path }
    #expect(match != nil, "no problem at \(testCase.path); got \(problems)")
    #expect(
      match?.message.contains(testCase.messageFragment) == true,
      "message \(match?.message ?? "-") lacks \(testCase.messageFragment)")
    #expect(match?.file == path)
  }

  @Test("missing field in a full file names the field")
  func missingField() throws {
    let scratch = try PlatformScratch()
    let preset = try String(
      contentsOfFile: try #require(PlatformLoader.presetPath("u250")), encoding: .utf8)
    let lines = preset.split(separator: "\n", omittingEmptySubsequences: false)
    let remaining = lines.filter {
      !$0.contains("\"clock_mhz\"") && !$0.contains("\"tdp_watts\"")
    }
    #expect(remaining.count == lines.count - 2)
    let path = try scratch.write("u250-broken.json", remaining.joined(separator: "\n"))

    let problems = scratch.problems(loading: path)

    #expect(problems.map(\.path).sorted() == ["clock_mhz", "power.tdp_watts"])
    #expect(problems.allSatisfy { $0.message.contains("missing required field") })
    #expect(problems.allSatisfy { $0.file == path })
  }

  @Test("every problem is reported at once")
  func collectsProblems() throws {
    let scratch = try PlatformScratch()
    let path = try scratch.write(
      "bad.json",
      "{\"base\": \"u55c\", \"slrs\": [\(slr(dsp: "-1"))], \"shell\": 3, "
        + "\"efficiency\": {\"dma_efficiency\": \(leaf("7"))}}")

    let problems = scratch.problems(loading: path)

    #expect(Set(problems.map(\.path)) == ["slrs[0].dsp", "shell", "efficiency.dma_efficiency"])
    #expect(problems.allSatisfy { $0.line != nil })
  }

  @Test("base that does not exist is rejected")
  func badBase() throws {
    let scratch = try PlatformScratch()
    let path = try scratch.write("bad.json", "{\"base\": \"missing/u55c.json\"}")
    let named = try scratch.write("named.json", "{\"base\": \"u55cc\"}")

    let problems = scratch.problems(loading: path)
    let namedProblems = scratch.problems(loading: named)

    #expect(problems.map(\.path) == ["base"])
    #expect(problems.first?.message.contains("not found") == true)
    #expect(namedProblems.first?.message.contains("did you mean \"u55c\"") == true)
  }

  @Test("unknown preset name gets a suggestion")
  func unknownPreset() {
    do {
      _ = try PlatformLoader.load(path: "u280x")
      Issue.record("loading an unknown preset succeeded")
    } catch {
      #expect(error.problems.first?.message.contains("did you mean \"u280\"") == true)
    }
  }

  @Test("non-object root is rejected")
  func arrayRoot() throws {
    let scratch = try PlatformScratch()
    let path = try scratch.write("array.json", "[1, 2]")

    let problems = scratch.problems(loading: path)

    #expect(problems.map(\.path) == ["(root)"])
  }
}
