import Foundation
import Testing

@testable import StreamTune

@Suite("Platform presets")
struct PlatformPresetTests {
  static let presets = ["u55c", "u280", "u250", "u50"]

  @Test("preset names include the four shipped cards")
  func presetNames() {
    for name in Self.presets {
      #expect(PlatformLoader.presetNames.contains(name))
      #expect(PlatformLoader.presetPath(name) != nil)
    }
    #expect(PlatformLoader.presetPath("U55C.json") == PlatformLoader.presetPath("u55c"))
    #expect(PlatformLoader.presetPath("u55") == nil)
  }

  @Test("preset loads and is internally consistent", arguments: presets)
  func presetLoads(name: String) throws {
    let platform = try PlatformLoader.load(path: name)

    #expect(platform.name == name)
    #expect(platform.clockMHz == 300)
    for memory in platform.memories {
      #expect(memory.channelSLR.count == memory.channels)
      #expect(memory.maxPortBits == 512)
      #expect(memory.channelSLR.allSatisfy { $0 >= 0 })
      #expect(memory.channelSLR.allSatisfy { $0 < platform.slrs.count })
    }
    if let device = platform.device {
      let budget = platform.totalResources
      #expect(budget.dsp <= device.dsp)
      #expect(budget.lut <= device.lut)
      #expect(budget.bram18k <= device.bram18k)
    }
    #expect(platform.power.staticWatts < platform.power.tdpWatts)
    #expect(platform.efficiency.dmaEfficiency > 0)
    #expect(platform.efficiency.dmaEfficiency <= 1)
  }

  @Test("U55C matches its published facts")
  func u55c() throws {
    let platform = try PlatformLoader.load(path: "u55c")
    let device = try #require(platform.device)

    #expect(device.dsp == 9_024)
    #expect(device.bram18k == 4_032)
    #expect(device.uram == 960)
    #expect(platform.slrs.count == 3)
    #expect(platform.memories.count == 1)

    let hbm = try #require(platform.memories.first)
    #expect(hbm.kind == .hbm)
    #expect(hbm.channels == 32)
    #expect(hbm.bytesPerSecondPerChannel == 14.375e9)
    #expect(abs(Double(hbm.channels) * hbm.bytesPerSecondPerChannel - 460e9) < 1)
    #expect(hbm.bytesPerChannel * Double(hbm.channels) == 16 * 1_073_741_824)
    #expect(hbm.channelSLR.allSatisfy { $0 == 0 })
    #expect(platform.provenance["slrs[0].dsp"]?.status == .estimate)
  }

  @Test("U280 has HBM and two DDR4 channels")
  func u280() throws {
    let platform = try PlatformLoader.load(path: "u280")

    #expect(platform.slrs.count == 3)
    #expect(platform.device?.dsp == 9_024)
    #expect(platform.totalResources.dsp == 2_664 + 2_784 + 2_856)
    let kinds = platform.memories.map(\.kind)
    #expect(kinds == [.hbm, .ddr])
    let ddr = try #require(platform.memories.first { $0.kind == .ddr })
    #expect(ddr.channels == 2)
    #expect(ddr.channelSLR == [0, 1])
    #expect(ddr.bytesPerSecondPerChannel == 19.25e9)
    let hbm = try #require(platform.memories.first { $0.kind == .hbm })
    #expect(hbm.bytesPerChannel == 256 * 1_048_576)
  }

  @Test("U250 has four SLRs and one DDR4 channel per SLR")
  func u250() throws {
    let platform = try PlatformLoader.load(path: "u250")

    #expect(platform.slrs.count == 4)
    #expect(platform.device?.dsp == 12_288)
    #expect(!platform.memories.contains { $0.kind == .hbm })
    let ddr = try #require(platform.memories.first)
    #expect(ddr.channels == 4)
    #expect(ddr.channelSLR == [0, 1, 2, 3])
    #expect(abs(Double(ddr.channels) * ddr.bytesPerSecondPerChannel - 77e9) < 1)
  }

  @Test("U50 has two SLRs with all HBM on SLR0")
  func u50() throws {
    let platform = try PlatformLoader.load(path: "u50")

    #expect(platform.slrs.count == 2)
    #expect(platform.device == nil)
    let hbm = try #require(platform.memories.first)
    #expect(platform.memories.count == 1)
    #expect(hbm.kind == .hbm)
    #expect(hbm.channels == 32)
    #expect(hbm.channelSLR == Array(repeating: 0, count: 32))
    #expect(abs(Double(hbm.channels) * hbm.bytesPerSecondPerChannel - 316e9) < 1)
  }

  @Test("preset packing covers W4A8 and FP32", arguments: presets)
  func packing(name: String) throws {
    let platform = try PlatformLoader.load(path: name)
    let w4a8 = platform.dspPacking.first {
      $0.weightBits == 4 && $0.activationBits == 8 && !$0.floatingPoint
    }
    let fp32 = platform.dspPacking.first {
      $0.weightBits == 32 && $0.activationBits == 32 && $0.floatingPoint
    }

    #expect(w4a8?.macsPerDSP == 2)
    #expect(try #require(fp32).macsPerDSP < 1)
    #expect(platform.bram18kAspects.contains(AspectRatio(width: 36, depth: 512)))
    #expect(platform.uramAspects == [AspectRatio(width: 72, depth: 4096)])
    #expect(platform.lutramBitsPerLUT == 64)
  }

  @Test("queries find packing, bandwidth and channels")
  func queries() throws {
    let platform = try PlatformLoader.load(path: "u280")
    let fp16 = Precision(
      weightBits: 16, activationBits: 16, accumulator: .fp32, floatingPoint: true)
    let floatW4A8 = Precision(
      weightBits: 4, activationBits: 8, accumulator: .fp32, floatingPoint: true)

    #expect(platform.dspPacking(for: .w4a8)?.macsPerDSP == 2)
    #expect(try #require(platform.dspPacking(for: fp16)).macsPerDSP < 1)
    #expect(platform.dspPacking(for: floatW4A8) == nil)
    #expect(abs(platform.peakMemoryBytesPerSecond - (460e9 + 38.5e9)) < 1)
    #expect(platform.memoryChannels(onSLR: 0).count == 33)
    #expect(platform.memoryChannels(onSLR: 1).map(\.memory) == [1])
    #expect(platform.memoryChannels(onSLR: 2).isEmpty)
  }

  @Test("every number in a preset has a source and status", arguments: presets)
  func everyNumberSourced(name: String) throws {
    let path = try #require(PlatformLoader.presetPath(name))
    let root = try InputFile.readJSON(at: path)
    var unsourced: [String] = []
    var leafPaths: [String] = []

    Self.walk(root, path: "", unsourced: &unsourced, leaves: &leafPaths)

    #expect(unsourced.isEmpty, "numbers without a source and status: \(unsourced)")
    #expect(leafPaths.count > 40)
    let platform = try PlatformLoader.load(path: name)
    for leafPath in leafPaths {
      #expect(platform.provenance[leafPath] != nil, "no provenance recorded for \(leafPath)")
    }
  }

  /// Collects numbers that are not inside a well-formed `{value, source, status}` leaf, and
  /// leaves whose status is `estimate` but whose source does not say so.
  static func walk(
    _ node: JSONNode, path: String, unsourced: inout [String], leaves: inout [String]
  ) {
    switch node.value {
    case .number:
      unsourced.append(path)
    case .array(let elements):
      for (index, element) in elements.enumerated() {
        walk(element, path: "\(path)[\(index)]", unsourced: &unsourced, leaves: &leaves)
      }
    case .object(let members):
      if node["value"] != nil {
        let source = node["source"]?.stringValue ?? ""
        let status = node["status"]?.stringValue.flatMap(SourceStatus.init(rawValue:))
        if source.isEmpty || status == nil {
          unsourced.append(path)
        } else if status == .estimate, !source.lowercased().contains("estimate") {
          unsourced.append("\(path) (an estimate whose source does not say so)")
        }
        leaves.append(path)
        return
      }
      for member in members {
        let childPath = path.isEmpty ? member.key : "\(path).\(member.key)"
        walk(member.value, path: childPath, unsourced: &unsourced, leaves: &leaves)
      }
    default:
      break
    }
  }

  @Test("data directory finds the shipped folder")
  func dataDirectory() throws {
    let folder = try #require(DataDirectory.searchSpacesFolder())
    let preset = (folder as NSString).appendingPathComponent("platforms/u55c.json")

    #expect(FileManager.default.fileExists(atPath: preset))
    #expect((folder as NSString).lastPathComponent == "SearchSpaces")
  }

  @Test("ancestor search stops at the nearest match")
  func ancestorSearch() throws {
    let root = FileManager.default.temporaryDirectory
      .appendingPathComponent("streamtune-ancestor-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: root) }
    let nested = "\(root)/repo/.build/debug"
    try FileManager.default.createDirectory(
      atPath: "\(root)/repo/SearchSpaces/platforms", withIntermediateDirectories: true)
    try FileManager.default.createDirectory(atPath: nested, withIntermediateDirectories: true)

    let found = DataDirectory.ancestorFolder(
      containing: "SearchSpaces/platforms", from: "\(nested)/streamtune")

    #expect(found == "\(root)/repo")
    #expect(DataDirectory.ancestorFolder(containing: "NoSuchFolder/x", from: nested) == nil)
  }
}
