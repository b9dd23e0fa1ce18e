import Foundation
import Testing

@testable import StreamTune

@Suite("Platform overlays")
struct PlatformOverlayTests {
  /// Returns a copy with the efficiency and provenance of another platform, so that two
  /// platforms can be compared on everything else.
  func withEfficiency(of other: Platform, _ platform: Platform) -> Platform {
    var copy = platform
    copy.efficiency = other.efficiency
    copy.provenance = other.provenance
    return copy
  }

  @Test("overlay changes only the field it names")
  func changesOnlyNamedField() throws {
    let scratch = try PlatformScratch()
    let base = try PlatformLoader.load(path: "u55c")
    let path = try scratch.write(
      "fitted.json",
      "{\"base\": \"u55c\", \"efficiency\": {\"dma_efficiency\": {\"value\": 0.65, "
        + "\"source\": \"fitted to one run\", \"status\": \"estimate\"}}}")

    let overlaid = try PlatformLoader.load(path: path)

    #expect(overlaid.efficiency.dmaEfficiency == 0.65)
    #expect(overlaid.efficiency.kernelOverheadCycles == base.efficiency.kernelOverheadCycles)
    #expect(
      overlaid.efficiency.blockOverheadMicroseconds == base.efficiency.blockOverheadMicroseconds)
    #expect(withEfficiency(of: base, overlaid) == base)
    #expect(overlaid.provenance["efficiency.dma_efficiency"]?.source == "fitted to one run")
    #expect(
      overlaid.provenance["efficiency.kernel_overhead_cycles"]
        == base.provenance["efficiency.kernel_overhead_cycles"])
  }

  @Test("overlay array replaces the whole array")
  func arrayReplaced() throws {
    let scratch = try PlatformScratch()
    let path = try scratch.write(
      "one-slr.json", "{\"base\": \"u55c\", \"name\": \"u55c-slr0\", \"slrs\": [\(slr())]}")

    let platform = try PlatformLoader.load(path: path)

    #expect(platform.name == "u55c-slr0")
    #expect(platform.slrs.count == 1)
    #expect(platform.slrs.first?.dsp == 2000)
    #expect(platform.memories.first?.channels == 32)
  }

  @Test("overlay leaf without source does not inherit the base source")
  func leafReplacedWhole() throws {
    let scratch = try PlatformScratch()
    let path = try scratch.write(
      "partial.json", "{\"base\": \"u55c\", \"clock_mhz\": {\"value\": 250, \"status\": \"exact\"}}"
    )

    let problems = scratch.problems(loading: path)

    #expect(problems.map(\.path) == ["clock_mhz.source"])
  }

  @Test("relative base and overlay chains resolve")
  func relativeChain() throws {
    let scratch = try PlatformScratch()
    let preset = try String(
      contentsOfFile: try #require(PlatformLoader.presetPath("u280")), encoding: .utf8)
    _ = try scratch.write("card.json", preset)
    _ = try scratch.write(
      "slow.json", "{\"base\": \"card.json\", \"clock_mhz\": \(leaf("200"))}")
    let top = try scratch.write(
      "slow-fitted.json",
      "{\"base\": \"slow.json\", \"efficiency\": {\"block_overhead_microseconds\": \(leaf("35"))}}"
    )

    let platform = try PlatformLoader.load(path: top)

    #expect(platform.clockMHz == 200)
    #expect(platform.efficiency.blockOverheadMicroseconds == 35)
    #expect(platform.memories.map(\.kind) == [.hbm, .ddr])
  }

  @Test("base cycle is rejected")
  func baseCycle() throws {
    let scratch = try PlatformScratch()
    let first = try scratch.write("a.json", "{\"base\": \"b.json\"}")
    _ = try scratch.write("b.json", "{\"base\": \"a.json\"}")

    let problems = scratch.problems(loading: first)

    #expect(problems.map(\.path) == ["base"])
    #expect(problems.first?.message.contains("cycle") == true)
  }

  @Test("problem in a base file names the base file")
  func problemAttribution() throws {
    let scratch = try PlatformScratch()
    let basePath = try scratch.write(
      "base.json", "{\"base\": \"u50\", \"slrs\": [\(slr(dsp: "-3"))]}")
    let top = try scratch.write("top.json", "{\"base\": \"base.json\", \"clock_mhz\": 5}")

    let problems = scratch.problems(loading: top)

    let dsp = problems.first { $0.path == "slrs[0].dsp" }
    let clock = problems.first { $0.path == "clock_mhz" }
    #expect(dsp?.file == basePath)
    #expect(clock?.file == top)
    #expect(problems.count == 2)
  }

  @Test("written overlay loads back with the fitted constants")
  func writeOverlayRoundTrip() throws {
    let scratch = try PlatformScratch()
    let path = (scratch.folder as NSString).appendingPathComponent("u55c-fitted.json")
    let fitted = Efficiency(
      dmaEfficiency: 0.713, kernelOverheadCycles: 412.5, blockOverheadMicroseconds: 18.25)
    let base = try PlatformLoader.load(path: "u55c")

    try PlatformOverlay.writeOverlay(
      base: "u55c", efficiency: fitted,
      sources: ["dma_efficiency": "fitted to \"gpt2\" run 3\nsecond line"], to: path)
    let loaded = try PlatformLoader.load(path: path)

    #expect(loaded.efficiency == fitted)
    #expect(withEfficiency(of: base, loaded) == base)
    #expect(
      loaded.provenance["efficiency.dma_efficiency"]?.source
        == "fitted to \"gpt2\" run 3\nsecond line")
    #expect(
      loaded.provenance["efficiency.kernel_overhead_cycles"]?.source
        == PlatformOverlay.defaultFittedSource)
    #expect(loaded.provenance["efficiency.block_overhead_microseconds"]?.status == .estimate)
  }

  @Test("invalid overlay is not written")
  func writeOverlayRejects() throws {
    let scratch = try PlatformScratch()
    let path = (scratch.folder as NSString).appendingPathComponent("bad.json")
    let cases = [
      Efficiency(dmaEfficiency: 1.5, kernelOverheadCycles: 10, blockOverheadMicroseconds: 1),
      Efficiency(dmaEfficiency: .nan, kernelOverheadCycles: 10, blockOverheadMicroseconds: 1),
      Efficiency(dmaEfficiency: 0.5, kernelOverheadCycles: -1, blockOverheadMicroseconds: 1),
    ]

    for efficiency in cases {
      #expect(throws: InputError.self) {
        try PlatformOverlay.writeOverlay(
          base: "u55c", efficiency: efficiency, sources: [:], to: path)
      }
      #expect(!FileManager.default.fileExists(atPath: path))
    }
    #expect(throws: InputError.self) {
      try PlatformOverlay.writeOverlay(
        base: "no-such-card",
        efficiency: Efficiency(
          dmaEfficiency: 0.5, kernelOverheadCycles: 1, blockOverheadMicroseconds: 1),
        sources: [:], to: path)
    }
  }
}
