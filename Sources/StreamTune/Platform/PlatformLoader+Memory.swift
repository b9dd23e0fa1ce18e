/// Reading the external memories and the DSP packing table of a platform tree.
extension PlatformLoader {
  static let memoryKeys = [
    "kind", "channels", "channel_gb_per_second", "channel_capacity_mib", "channel_slr",
    "max_port_bits", "pj_per_byte",
  ]
  static let packingKeys = ["weights", "activations", "macs_per_dsp"]

  /// Widest AXI port the HLS kernel flow can widen to (a power of two up to 1,024 bits).
  static let widestPortBits = 1_024

  static func readMemories(_ root: JSONNode, slrCount: Int, reader: inout PlatformReader)
    -> [ExternalMemory]
  {
    guard let node = reader.member("memories", of: root, path: "") else { return [] }
    guard let elements = node.elements, !elements.isEmpty else {
      reader.report(
        "memories",
        "must be a non-empty array with one object per memory system (HBM, DDR); got "
          + reader.describe(node), at: node)
      return []
    }

    var memories: [ExternalMemory] = []
    for (index, element) in elements.enumerated() {
      let path = "memories[\(index)]"
      guard reader.checkObject(element, path: path, allowed: memoryKeys) else { continue }
      memories.append(readMemory(element, path: path, slrCount: slrCount, reader: &reader))
    }
    return memories
  }

  private static func readMemory(
    _ node: JSONNode, path: String, slrCount: Int, reader: inout PlatformReader
  ) -> ExternalMemory {
    var kind = ExternalMemory.Kind.hbm
    if let kindNode = reader.member("kind", of: node, path: path) {
      let names = ["hbm", "ddr"]
      if let text = kindNode.stringValue, let parsed = ExternalMemory.Kind(rawValue: text) {
        kind = parsed
      } else {
        let hint = kindNode.stringValue.map { DidYouMean.hint(for: $0, among: names) } ?? ""
        reader.report(
          "\(path).kind", "must be \"hbm\" or \"ddr\"; got \(reader.describe(kindNode))\(hint)",
          at: kindNode)
      }
    }

    let channels = reader.int("channels", of: node, path: path, .positive)
    let gigabytesPerSecond = reader.double("channel_gb_per_second", of: node, path: path, .positive)
    let mebibytes = reader.double("channel_capacity_mib", of: node, path: path, .positive)
    let channelSLR = readChannelSLRs(
      node, path: path, channels: channels, slrCount: slrCount,
      reader: &reader)
    let portBits = reader.int("max_port_bits", of: node, path: path, .positive)
    if portBits > 0, portBits & (portBits - 1) != 0 || portBits < 8 || portBits > widestPortBits {
      reader.report(
        "\(path).max_port_bits",
        "must be a power of two from 8 to \(widestPortBits); got "
          + "\(portBits)", at: node["max_port_bits"]?["value"])
    }
    let picojoules = reader.double("pj_per_byte", of: node, path: path, .positive)

    return ExternalMemory(
      kind: kind, channels: channels, bytesPerSecondPerChannel: gigabytesPerSecond * 1e9,
      bytesPerChannel: mebibytes * 1_048_576, channelSLR: channelSLR, maxPortBits: portBits,
      picojoulesPerByte: picojoules)
  }

  private static func readChannelSLRs(
    _ node: JSONNode, path: String, channels: Int, slrCount: Int, reader: inout PlatformReader
  ) -> [Int] {
    let fieldPath = "\(path).channel_slr"
    guard let value = reader.leaf("channel_slr", of: node, path: path) else { return [] }
    guard let elements = value.elements else {
      reader.report(
        fieldPath,
        "must hold an array with the SLR index of each channel; got "
          + reader.describe(value), at: value)
      return []
    }

    var slrs: [Int] = []
    for (index, element) in elements.enumerated() {
      let slr = reader.intValue(element, path: "\(fieldPath)[\(index)]", .nonNegative)
      if slrCount > 0, slr >= slrCount {
        reader.report(
          "\(fieldPath)[\(index)]", "must name an existing SLR, 0 to \(slrCount - 1); got \(slr)",
          at: element)
      }
      slrs.append(slr)
    }
    if channels > 0, slrs.count != channels {
      reader.report(
        fieldPath,
        "lists \(slrs.count) SLR indices but channels is \(channels); give one SLR "
          + "index per channel", at: value)
    }
    return slrs
  }

  static func readDSPPacking(_ root: JSONNode, reader: inout PlatformReader) -> [DSPPacking] {
    guard let node = reader.member("dsp_packing", of: root, path: "") else { return [] }
    guard let elements = node.elements, !elements.isEmpty else {
      reader.report(
        "dsp_packing",
        "must be a non-empty array of {\"weights\", \"activations\", "
          + "\"macs_per_dsp\"} entries; got \(reader.describe(node))", at: node)
      return []
    }

    var table: [DSPPacking] = []
    var seen: [String: Int] = [:]
    for (index, element) in elements.enumerated() {
      let path = "dsp_packing[\(index)]"
      guard reader.checkObject(element, path: path, allowed: packingKeys) else { continue }
      let weights = readElementType("weights", of: element, path: path, reader: &reader)
      let activations = readElementType("activations", of: element, path: path, reader: &reader)
      let macs = reader.double("macs_per_dsp", of: element, path: path, .positive)
      guard let weights, let activations else { continue }

      guard weights.floatingPoint == activations.floatingPoint else {
        reader.report(
          path,
          "mixes an integer and a floating-point operand; use two integer types or two "
            + "floating-point types", at: element)
        continue
      }
      let pair = "\(weights.name) x \(activations.name)"
      if let first = seen[pair] {
        reader.report(path, "repeats \(pair), already given in dsp_packing[\(first)]", at: element)
        continue
      }
      seen[pair] = index
      table.append(
        DSPPacking(
          weightBits: weights.bits, activationBits: activations.bits,
          floatingPoint: weights.floatingPoint, macsPerDSP: macs))
    }
    return table
  }

  /// Reads an operand type name: `int` or `fp` followed by a bit width from 1 to 64.
  private static func readElementType(
    _ key: String, of node: JSONNode, path: String, reader: inout PlatformReader
  ) -> (name: String, bits: Int, floatingPoint: Bool)? {
    guard let child = reader.member(key, of: node, path: path) else { return nil }
    if let text = child.stringValue {
      for prefix in ["int", "fp"] where text.hasPrefix(prefix) {
        if let bits = Int(text.dropFirst(prefix.count)), (1...64).contains(bits) {
          return (text, bits, prefix == "fp")
        }
      }
    }
    reader.report(
      "\(path).\(key)",
      "must be an operand type such as \"int4\", \"int8\", \"fp16\" or "
        + "\"fp32\"; got \(reader.describe(child))", at: child)
    return nil
  }
}
