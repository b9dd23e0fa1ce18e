import Foundation

/// The model, precision, workload and platform sections.
extension SearchSpaceLoader {
  struct LoadedModel {
    var config: TransformerConfig
    var file: String
    var document: JSONNode
  }

  struct LoadedPlatform {
    var platform: Platform
    var source: String
    var document: JSONNode?
  }

  /// Maximum prompt or output length, in tokens.
  static let maxTokens = 1 << 20

  /// Names of the shipped model presets (files in `SearchSpaces/models`), sorted.
  public static var modelPresetNames: [String] {
    guard let folder = modelsFolder(),
      let files = try? FileManager.default.contentsOfDirectory(atPath: folder)
    else { return [] }
    return files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
  }

  static func modelsFolder() -> String? {
    DataDirectory.searchSpacesFolder().map { ($0 as NSString).appendingPathComponent("models") }
  }

  static func readModel(_ node: JSONNode, reader: inout SpaceReader) -> LoadedModel? {
    guard reader.object(node, at: "model", allowed: ["config", "preset"]) != nil else { return nil }
    let config = node["config"]
    let preset = node["preset"]
    if config != nil && preset != nil {
      reader.report("give either \"config\" or \"preset\", not both", at: "model", node: node)
      return nil
    }

    var file: String
    if let config {
      guard let written = reader.string(config, at: "model.config", what: "model config path"),
        checkFile(
          InputFile.resolve(written, relativeTo: reader.file), written: written,
          at: "model.config", node: config, what: "model config", reader: &reader)
      else { return nil }
      file = InputFile.resolve(written, relativeTo: reader.file)
    } else if let preset {
      guard let name = reader.string(preset, at: "model.preset", what: "model preset") else {
        return nil
      }
      let names = modelPresetNames
      guard names.contains(name), let folder = modelsFolder() else {
        let list =
          names.isEmpty
          ? "none found (SearchSpaces folder not found)" : names.joined(separator: ", ")
        reader.report(
          "unknown model preset \"\(name)\"\(DidYouMean.hint(for: name, among: names)); "
            + "presets: \(list)", at: "model.preset", node: preset)
        return nil
      }
      file = (folder as NSString).appendingPathComponent("\(name).json")
    } else {
      reader.report(
        "missing \"config\" (a path to a Hugging Face config.json) or \"preset\" (a model name "
          + "such as gpt2-medium)", at: "model", node: node)
      return nil
    }

    do {
      let config = try ModelImporter.load(path: file)
      let document = try InputFile.readJSON(at: file)
      return LoadedModel(config: config, file: file, document: document)
    } catch {
      reader.append(error.problems)
      reader.report(
        "the model config \(file) is invalid (problems listed above)", at: "model", node: node)
      return nil
    }
  }

  static func readPrecision(_ node: JSONNode, reader: inout SpaceReader) -> Precision? {
    let keys = ["weight_bits", "activation_bits", "accumulator", "floating_point"]
    guard reader.object(node, at: "precision", allowed: keys) != nil else { return nil }
    let weightChoices = [4, 8, 16, 32]
    let activationChoices = [8, 16, 32]

    var weightBits: Int?
    if let field = reader.required(
      node, "weight_bits", at: "precision", expecting: "4, 8, 16 or 32")
    {
      weightBits = readChoice(
        field, at: "precision.weight_bits", choices: weightChoices, what: "weight bits",
        reader: &reader)
    }
    var activationBits: Int?
    if let field = reader.required(
      node, "activation_bits", at: "precision", expecting: "8, 16 or 32")
    {
      activationBits = readChoice(
        field, at: "precision.activation_bits", choices: activationChoices, what: "activation bits",
        reader: &reader)
    }
    var floatingPoint: Bool? = false
    if let field = node["floating_point"] {
      floatingPoint = reader.boolean(field, at: "precision.floating_point", what: "floating_point")
    }
    var accumulator: Precision.Accumulator? = floatingPoint == true ? .fp32 : .int32
    if let field = node["accumulator"] {
      let names = Precision.Accumulator.allCases.map(\.rawValue)
      accumulator = reader.string(
        field, at: "precision.accumulator", what: "accumulator", among: names
      )
      .flatMap(Precision.Accumulator.init(rawValue:))
    }

    guard let weightBits, let activationBits, let floatingPoint, let accumulator else { return nil }
    if floatingPoint {
      if weightBits < 16 || activationBits < 16 {
        reader.report(
          "a floating-point datapath needs 16 or 32 weight and activation bits, found "
            + "W\(weightBits)A\(activationBits); set floating_point to false for integers",
          at: "precision.floating_point", node: node["floating_point"] ?? node)
        return nil
      }
      if accumulator == .int32 {
        reader.report(
          "a floating-point datapath accumulates in fp16 or fp32, not int32",
          at: "precision.accumulator", node: node["accumulator"] ?? node)
        return nil
      }
    } else if accumulator != .int32 {
      reader.report(
        "an integer datapath accumulates in int32, not \(accumulator.rawValue); set floating_point "
          + "to true for a floating-point datapath",
        at: "precision.accumulator", node: node["accumulator"] ?? node)
      return nil
    }
    return Precision(
      weightBits: weightBits, activationBits: activationBits, accumulator: accumulator,
      floatingPoint: floatingPoint)
  }

  private static func readChoice(
    _ node: JSONNode, at path: String, choices: [Int], what: String, reader: inout SpaceReader
  ) -> Int? {
    guard let value = reader.integer(node, at: path, in: 1...1024, what: what) else { return nil }
    guard choices.contains(value) else {
      let list = choices.map(String.init).joined(separator: ", ")
      reader.report("\(value) \(what) are not supported; use one of \(list)", at: path, node: node)
      return nil
    }
    return value
  }

  static func readWorkload(_ node: JSONNode, model: TransformerConfig?, reader: inout SpaceReader)
    -> Workload?
  {
    guard
      reader.object(node, at: "workload", allowed: ["requests", "batch_size", "lm_head"]) != nil
    else { return nil }

    var requests: [Request]? = []
    if let field = reader.required(
      node, "requests", at: "workload", expecting: "[[input tokens, output tokens], ...]")
    {
      requests = readRequests(field, model: model, reader: &reader)
    } else {
      requests = nil
    }
    var batchSize: Int? = 1
    if let field = node["batch_size"] {
      batchSize = reader.integer(field, at: "workload.batch_size", in: 1...4096, what: "batch size")
    }
    var lmHead: LMHeadPlacement? = .host
    if let field = node["lm_head"] {
      lmHead = reader.string(
        field, at: "workload.lm_head", what: "LM head placement",
        among: LMHeadPlacement.allCases.map(\.rawValue)
      ).flatMap(LMHeadPlacement.init(rawValue:))
    }
    guard let requests, let batchSize, let lmHead else { return nil }
    return Workload(requests: requests, batchSize: batchSize, lmHead: lmHead)
  }

  private static func readRequests(
    _ node: JSONNode, model: TransformerConfig?, reader: inout SpaceReader
  )
    -> [Request]?
  {
    guard let elements = reader.array(node, at: "workload.requests", what: "the request list")
    else {
      return nil
    }
    if elements.count > 10_000 {
      reader.report(
        "\(elements.count) requests are too many; list at most 10000", at: "workload.requests",
        node: node)
      return nil
    }
    var requests: [Request] = []
    var failed = false
    for (index, element) in elements.enumerated() {
      let path = SpaceReader.join("workload.requests", index)
      guard let pair = element.elements, pair.count == 2 else {
        reader.report(
          "expected a request [input tokens, output tokens], found \(element.value.typeName) \(element.excerpt)",
          at: path, node: element)
        failed = true
        continue
      }
      let input = reader.integer(
        pair[0], at: SpaceReader.join(path, 0), in: 1...maxTokens, what: "input tokens")
      let output = reader.integer(
        pair[1], at: SpaceReader.join(path, 1), in: 1...maxTokens, what: "output tokens")
      guard let input, let output else {
        failed = true
        continue
      }
      if let model, input + output > model.maxPositions {
        reader.report(
          "context of \(input + output) tokens (\(input) in, \(output) out) exceeds the model's "
            + "\(model.maxPositions) positions", at: path, node: element)
        failed = true
        continue
      }
      requests.append(Request(inputTokens: input, outputTokens: output))
    }
    return failed ? nil : requests
  }

  static func readPlatform(_ node: JSONNode, reader: inout SpaceReader) -> LoadedPlatform? {
    guard reader.object(node, at: "platform", allowed: ["preset", "file", "clock_mhz"]) != nil
    else {
      return nil
    }
    var clock: Double?
    if let field = node["clock_mhz"] {
      clock = reader.number(
        field, at: "platform.clock_mhz", in: 50...1000, what: "kernel clock in MHz")
      if clock == nil { return nil }
    }
    let presetNode = node["preset"]
    let fileNode = node["file"]
    if presetNode != nil && fileNode != nil {
      reader.report("give either \"preset\" or \"file\", not both", at: "platform", node: node)
      return nil
    }

    var path: String
    var source: String
    var document: JSONNode?
    if let presetNode {
      guard let name = reader.string(presetNode, at: "platform.preset", what: "platform preset")
      else {
        return nil
      }
      guard let presetPath = PlatformLoader.presetPath(name) else {
        // Names that extend what was written come first, so "u55" suggests "u55c".
        let names = PlatformLoader.presetNames
        let candidates = names.sorted {
          $0.hasPrefix(name.lowercased()) && !$1.hasPrefix(name.lowercased())
        }
        let list =
          names.isEmpty
          ? "none found (SearchSpaces folder not found)" : names.joined(separator: ", ")
        reader.report(
          "unknown platform preset \"\(name)\"\(DidYouMean.hint(for: name, among: candidates)); "
            + "presets: \(list)", at: "platform.preset", node: presetNode)
        return nil
      }
      path = presetPath
      source = name
    } else if let fileNode {
      guard let written = reader.string(fileNode, at: "platform.file", what: "platform file path")
      else { return nil }
      path = InputFile.resolve(written, relativeTo: reader.file)
      guard
        checkFile(
          path, written: written, at: "platform.file", node: fileNode, what: "platform file",
          reader: &reader)
      else {
        return nil
      }
      source = path
    } else {
      reader.report(
        "missing \"preset\" (u55c, u280, u250 or u50) or \"file\" (a platform JSON file)",
        at: "platform", node: node)
      return nil
    }

    do {
      var platform = try PlatformLoader.load(path: path)
      document = try? InputFile.readJSON(at: path)
      if let clock { platform.clockMHz = clock }
      return LoadedPlatform(platform: platform, source: source, document: document)
    } catch {
      reader.append(error.problems)
      reader.report(
        "the platform \(path) is invalid (problems listed above)", at: "platform", node: node)
      return nil
    }
  }
}
