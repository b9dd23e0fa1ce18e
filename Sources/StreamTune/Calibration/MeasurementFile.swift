/// Reading measurement files for calibration.
///
/// ```json
/// {
///   "description": "…",
///   "clock_mhz": 250,
///   "designs": [
///     { "name": "…", "preset": "streamtensor", "default_tile": 32, "unroll_budget": 4096,
///       "request": [32, 32], "ttft_ms": 34.59, "decode_tokens_per_s": 199.51,
///       "latency_ms": 194.99, "source": "…" },
///     { "config": { "gemm_tile_k": 64 }, "request": [128, 64], "latency_ms": 400 }
///   ]
/// }
/// ```
public enum MeasurementFile {
  static let rootKeys = ["$schema", "description", "source", "clock_mhz", "designs"]
  static let designKeys = [
    "name", "preset", "default_tile", "unroll_budget", "config", "request", "ttft_ms",
    "decode_tokens_per_s", "latency_ms", "source", "notes",
  ]
  /// Presets a measured design can name.
  public static let presets = ["streamtensor"]

  /// Reads a measurement file and maps every design to a design point of `space`.
  ///
  /// - Parameters:
  ///   - path: The measurement file.
  ///   - space: The search space whose variables `config` objects name.
  /// - Returns: The measurements and one design point per measured design, in file order.
  /// - Throws: `InputError` listing every problem with its JSON path.
  public static func load(path: String, space: SearchSpace) throws(InputError)
    -> (measurements: MeasurementSet, points: [DesignPoint])
  {
    let root = try InputFile.readJSON(at: path)
    return try parse(root, file: path, space: space)
  }

  /// Parses a measurement document (see `load`).
  public static func parse(_ root: JSONNode, file: String, space: SearchSpace) throws(InputError)
    -> (measurements: MeasurementSet, points: [DesignPoint])
  {
    var reader = SpaceReader(file: file)
    guard reader.object(root, at: "(root)", allowed: rootKeys) != nil else {
      throw InputError(reader.problems)
    }
    var clock: Double?
    if let node = root["clock_mhz"] {
      clock = reader.number(node, at: "clock_mhz", in: 50...1000, what: "kernel clock in MHz")
    }
    let description = root["description"].flatMap {
      reader.string($0, at: "description", what: "description")
    }

    var designs: [MeasuredDesign] = []
    var points: [DesignPoint] = []
    if let list = reader.required(
      root, "designs", at: "(root)", expecting: "a list of measured designs"),
      let elements = reader.array(list, at: "designs", what: "the list of measured designs")
    {
      for (index, element) in elements.enumerated() {
        let elementPath = SpaceReader.join("designs", index)
        guard
          let parsed = readDesign(
            element, at: elementPath, index: index, space: space, reader: &reader)
        else { continue }
        designs.append(parsed.design)
        points.append(parsed.point)
      }
    }

    guard reader.problems.isEmpty else { throw InputError(reader.problems) }
    return (MeasurementSet(designs: designs, clockMHz: clock, description: description), points)
  }

  static func readDesign(
    _ node: JSONNode, at path: String, index: Int, space: SearchSpace, reader: inout SpaceReader
  ) -> (design: MeasuredDesign, point: DesignPoint)? {
    guard reader.object(node, at: path, allowed: designKeys) != nil else { return nil }
    let before = reader.problems.count
    let name =
      node["name"].flatMap { reader.string($0, at: SpaceReader.join(path, "name"), what: "name") }
      ?? path
    let source = node["source"].flatMap {
      reader.string($0, at: SpaceReader.join(path, "source"), what: "source")
    }
    let request = readRequest(node, at: path, reader: &reader)

    var measured: [String: Double] = [:]
    for metric in CalibrationMetric.allCases {
      guard let field = node[metric.rawValue] else { continue }
      measured[metric.rawValue] = reader.number(
        field, at: SpaceReader.join(path, metric.rawValue), in: 0...1e12,
        what: "measured \(metric.rawValue)", openLowerBound: true)
    }
    if !CalibrationMetric.allCases.contains(where: { node[$0.rawValue] != nil }) {
      reader.report(
        "no measurement; give at least one of ttft_ms, decode_tokens_per_s, latency_ms",
        at: path, node: node)
    }

    let resolved = readConfiguration(node, at: path, space: space, reader: &reader)
    guard reader.problems.count == before, let request, let resolved else { return nil }
    let design = MeasuredDesign(
      name: name, configuration: resolved.configuration, request: request,
      ttftMs: measured["ttft_ms"], decodeTokensPerS: measured["decode_tokens_per_s"],
      latencyMs: measured["latency_ms"], source: source)
    return (design, resolved.point)
  }

  /// Reads `request`: `[input tokens, output tokens]`.
  static func readRequest(_ node: JSONNode, at path: String, reader: inout SpaceReader)
    -> Request?
  {
    let requestPath = SpaceReader.join(path, "request")
    guard
      let field = reader.required(
        node, "request", at: path, expecting: "[input tokens, output tokens]")
    else { return nil }
    guard let pair = field.elements, pair.count == 2 else {
      reader.report(
        "expected [input tokens, output tokens], found \(field.value.typeName) \(field.excerpt)",
        at: requestPath, node: field)
      return nil
    }
    let input = reader.integer(
      pair[0], at: SpaceReader.join(requestPath, 0), in: 1...1_048_576, what: "input tokens")
    let output = reader.integer(
      pair[1], at: SpaceReader.join(requestPath, 1), in: 1...1_048_576, what: "output tokens")
    guard let input, let output else { return nil }
    return Request(inputTokens: input, outputTokens: output)
  }
}
