/// Building a `Platform` from a complete platform tree (overlays already applied).
extension PlatformLoader {
  /// Keys allowed at the top level of a platform file.
  static let topLevelKeys = [
    "base", "name", "description", "notes", "part", "shell", "clock_mhz", "device", "slrs",
    "memories",
    "slls_per_boundary", "slr_crossing_cycles", "bram18k_aspects", "uram_aspects",
    "lutram_bits_per_lut", "dsp_packing", "float_add_latency", "mac_pipeline_depth",
    "lut_per_lane", "ff_per_lane", "lut_per_kernel", "ff_per_kernel", "power", "efficiency",
  ]
  static let slrKeys = ["lut", "ff", "dsp", "bram18k", "uram"]
  static let powerKeys = [
    "static_watts", "tdp_watts", "dsp_watts", "bram_watts", "uram_watts", "lut_watts",
  ]
  static let efficiencyKeys = [
    "dma_efficiency", "kernel_overhead_cycles", "block_overhead_microseconds",
  ]

  /// Largest BRAM18K configuration: 18 Kb including parity bits.
  static let bram18kBits = 18_432
  /// Largest URAM288 configuration: 288 Kb.
  static let uramBits = 294_912

  /// Reads every field of a merged platform tree; problems go to the reader.
  ///
  /// - Returns: The platform, meaningful only when the reader recorded no problems.
  static func build(_ root: JSONNode, reader: inout PlatformReader) -> Platform {
    let placeholder = Platform.placeholder
    guard reader.checkObject(root, path: "", allowed: topLevelKeys) else {
      return placeholder
    }

    let name = reader.string("name", of: root, path: "")
    let part = reader.string("part", of: root, path: "")
    let shell = reader.string("shell", of: root, path: "")
    if let description = root["description"], description.stringValue == nil {
      reader.report(
        "description", "must be a string; got \(reader.describe(description))", at: description)
    }
    readNotes(root, reader: &reader)
    let clockMHz = reader.double("clock_mhz", of: root, path: "", .positive)

    let slrs = readSLRs(root, reader: &reader)
    let device = readDevice(root, slrs: slrs, reader: &reader)
    let memories = readMemories(root, slrCount: slrs.count, reader: &reader)

    let bramAspects = readAspects(
      "bram18k_aspects", of: root, maximumBits: bram18kBits, reader: &reader)
    let uramAspects = readAspects("uram_aspects", of: root, maximumBits: uramBits, reader: &reader)
    let packing = readDSPPacking(root, reader: &reader)
    let power = readPower(root, reader: &reader)
    let efficiency = readEfficiency(root, reader: &reader)

    return Platform(
      name: name, part: part, shell: shell, clockMHz: clockMHz, slrs: slrs, memories: memories,
      sllsPerBoundary: reader.int("slls_per_boundary", of: root, path: "", .nonNegative),
      slrCrossingCycles: reader.int("slr_crossing_cycles", of: root, path: "", .nonNegative),
      bram18kAspects: bramAspects, uramAspects: uramAspects,
      lutramBitsPerLUT: reader.int("lutram_bits_per_lut", of: root, path: "", .positive),
      dspPacking: packing,
      floatAddLatency: reader.int("float_add_latency", of: root, path: "", .positive),
      macPipelineDepth: reader.int("mac_pipeline_depth", of: root, path: "", .positive),
      lutPerLane: reader.double("lut_per_lane", of: root, path: "", .nonNegative),
      ffPerLane: reader.double("ff_per_lane", of: root, path: "", .nonNegative),
      lutPerKernel: reader.double("lut_per_kernel", of: root, path: "", .nonNegative),
      ffPerKernel: reader.double("ff_per_kernel", of: root, path: "", .nonNegative),
      power: power, efficiency: efficiency, device: device, provenance: reader.provenance)
  }

  private static func readNotes(_ root: JSONNode, reader: inout PlatformReader) {
    guard let notes = root["notes"] else { return }
    guard let elements = notes.elements else {
      reader.report(
        "notes", "must be an array of strings; got \(reader.describe(notes))", at: notes)
      return
    }
    for (index, element) in elements.enumerated() where element.stringValue == nil {
      reader.report(
        "notes[\(index)]", "must be a string; got \(reader.describe(element))", at: element)
    }
  }

  private static func readSLRs(_ root: JSONNode, reader: inout PlatformReader) -> [SLRResources] {
    guard let node = reader.member("slrs", of: root, path: "") else { return [] }
    guard let elements = node.elements, !elements.isEmpty else {
      reader.report(
        "slrs",
        "must be a non-empty array with one object per SLR, SLR0 first; got "
          + reader.describe(node), at: node)
      return []
    }

    var slrs: [SLRResources] = []
    for (index, element) in elements.enumerated() {
      let path = "slrs[\(index)]"
      guard reader.checkObject(element, path: path, allowed: slrKeys) else { continue }
      slrs.append(
        SLRResources(
          lut: reader.int("lut", of: element, path: path, .positive),
          ff: reader.int("ff", of: element, path: path, .positive),
          dsp: reader.int("dsp", of: element, path: path, .positive),
          bram18k: reader.int("bram18k", of: element, path: path, .positive),
          uram: reader.int("uram", of: element, path: path, .nonNegative)))
    }
    return slrs
  }

  /// Reads the optional whole-device totals and checks that the SLR budgets fit inside them.
  private static func readDevice(
    _ root: JSONNode, slrs: [SLRResources], reader: inout PlatformReader
  ) -> SLRResources? {
    guard let node = root["device"] else { return nil }
    guard reader.checkObject(node, path: "device", allowed: slrKeys) else { return nil }

    let device = SLRResources(
      lut: reader.int("lut", of: node, path: "device", .positive),
      ff: reader.int("ff", of: node, path: "device", .positive),
      dsp: reader.int("dsp", of: node, path: "device", .positive),
      bram18k: reader.int("bram18k", of: node, path: "device", .positive),
      uram: reader.int("uram", of: node, path: "device", .nonNegative))
    let budget = slrs.reduce(into: [0, 0, 0, 0, 0]) { sums, slr in
      sums[0] += slr.lut
      sums[1] += slr.ff
      sums[2] += slr.dsp
      sums[3] += slr.bram18k
      sums[4] += slr.uram
    }
    let totals = [device.lut, device.ff, device.dsp, device.bram18k, device.uram]
    for (index, key) in slrKeys.enumerated()
    where totals[index] > 0 && budget[index] > totals[index] {
      reader.report(
        "slrs",
        "the SLRs together give \(budget[index]) \(key), more than device.\(key) "
          + "(\(totals[index])); per-SLR figures must fit inside the device", at: root["slrs"])
    }
    return device
  }

  private static func readAspects(
    _ key: String, of root: JSONNode, maximumBits: Int, reader: inout PlatformReader
  ) -> [AspectRatio] {
    guard let value = reader.leaf(key, of: root, path: "") else { return [] }
    guard let elements = value.elements, !elements.isEmpty else {
      reader.report(
        key,
        "must hold a non-empty array of {\"width\": bits, \"depth\": words}; got "
          + reader.describe(value), at: value)
      return []
    }

    var aspects: [AspectRatio] = []
    for (index, element) in elements.enumerated() {
      let path = "\(key)[\(index)]"
      guard reader.checkObject(element, path: path, allowed: ["width", "depth"]) else { continue }
      var width = 0
      var depth = 0
      if let node = reader.member("width", of: element, path: path) {
        width = reader.intValue(node, path: "\(path).width", .positive)
      }
      if let node = reader.member("depth", of: element, path: path) {
        depth = reader.intValue(node, path: "\(path).depth", .positive)
      }
      if width * depth > maximumBits {
        reader.report(
          path,
          "holds \(width * depth) bits (\(depth) x \(width)), more than the block's "
            + "\(maximumBits) bits", at: element)
      }
      aspects.append(AspectRatio(width: width, depth: depth))
    }
    return aspects
  }

  private static func readPower(_ root: JSONNode, reader: inout PlatformReader) -> PowerModel {
    let fallback = Platform.placeholder.power
    guard let node = reader.member("power", of: root, path: "") else { return fallback }
    guard reader.checkObject(node, path: "power", allowed: powerKeys) else { return fallback }

    let power = PowerModel(
      staticWatts: reader.double("static_watts", of: node, path: "power", .positive),
      dspWatts: reader.double("dsp_watts", of: node, path: "power", .nonNegative),
      bramWatts: reader.double("bram_watts", of: node, path: "power", .nonNegative),
      uramWatts: reader.double("uram_watts", of: node, path: "power", .nonNegative),
      lutWatts: reader.double("lut_watts", of: node, path: "power", .nonNegative),
      tdpWatts: reader.double("tdp_watts", of: node, path: "power", .positive))
    if power.staticWatts > 0, power.tdpWatts > 0, power.staticWatts >= power.tdpWatts {
      reader.report(
        "power.static_watts",
        "must be below power.tdp_watts (\(power.tdpWatts) W); got "
          + "\(power.staticWatts) W", at: node["static_watts"]?["value"])
    }
    return power
  }

  private static func readEfficiency(_ root: JSONNode, reader: inout PlatformReader)
    -> Efficiency
  {
    let fallback = Platform.placeholder.efficiency
    guard let node = reader.member("efficiency", of: root, path: "") else { return fallback }
    guard reader.checkObject(node, path: "efficiency", allowed: efficiencyKeys) else {
      return fallback
    }
    return Efficiency(
      dmaEfficiency: reader.double("dma_efficiency", of: node, path: "efficiency", .fraction),
      kernelOverheadCycles: reader.double(
        "kernel_overhead_cycles", of: node, path: "efficiency", .nonNegative),
      blockOverheadMicroseconds: reader.double(
        "block_overhead_microseconds", of: node, path: "efficiency", .nonNegative))
  }
}

extension Platform {
  /// An all-zero platform returned alongside recorded problems; never handed to callers.
  static let placeholder = Platform(
    name: "", part: "", shell: "", clockMHz: 0, slrs: [], memories: [], sllsPerBoundary: 0,
    slrCrossingCycles: 0, bram18kAspects: [], uramAspects: [], lutramBitsPerLUT: 0,
    dspPacking: [], floatAddLatency: 0, macPipelineDepth: 0, lutPerLane: 0, ffPerLane: 0,
    lutPerKernel: 0, ffPerKernel: 0,
    power: PowerModel(
      staticWatts: 0, dspWatts: 0, bramWatts: 0, uramWatts: 0, lutWatts: 0, tdpWatts: 0),
    efficiency: Efficiency(dmaEfficiency: 0, kernelOverheadCycles: 0, blockOverheadMicroseconds: 0)
  )
}
