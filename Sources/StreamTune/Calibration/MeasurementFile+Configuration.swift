/// The design of a measured row: a preset with knobs, or values of search-space variables.
extension MeasurementFile {
  /// Tile size of every loop in the StreamTensor preset when a measured design gives none;
  /// the same default as `streamtune evaluate --preset streamtensor`.
  public static let presetDefaultTile = StreamTensorPreset.defaultTile
  /// Total lanes the StreamTensor preset may unroll when a measured design gives no budget;
  /// the same default as `streamtune evaluate --preset streamtensor`.
  public static let presetDefaultUnrollBudget = StreamTensorPreset.defaultUnrollBudget

  static func readConfiguration(
    _ node: JSONNode, at path: String, space: SearchSpace, reader: inout SpaceReader
  ) -> (configuration: MeasuredDesign.Configuration, point: DesignPoint)? {
    let presetNode = node["preset"]
    let configNode = node["config"]
    if presetNode != nil && configNode != nil {
      reader.report("give either \"preset\" or \"config\", not both", at: path, node: node)
      return nil
    }
    if let presetNode {
      return readPreset(presetNode, in: node, at: path, space: space, reader: &reader)
    }
    guard let configNode else {
      reader.report(
        "missing \"preset\" (\(presets.joined(separator: ", "))) or \"config\" (values of "
          + "search-space variables by name)", at: path, node: node)
      return nil
    }
    for knob in ["default_tile", "unroll_budget"] where node[knob] != nil {
      reader.report(
        "\"\(knob)\" applies to a preset only; remove it or use \"preset\"",
        at: SpaceReader.join(path, knob), node: node[knob])
    }
    return readVariables(
      configNode, at: SpaceReader.join(path, "config"), space: space,
      reader: &reader)
  }

  static func readPreset(
    _ presetNode: JSONNode, in node: JSONNode, at path: String, space: SearchSpace,
    reader: inout SpaceReader
  ) -> (configuration: MeasuredDesign.Configuration, point: DesignPoint)? {
    guard
      reader.string(
        presetNode, at: SpaceReader.join(path, "preset"), what: "preset", among: presets) != nil
    else { return nil }
    var tile = presetDefaultTile
    var budget = presetDefaultUnrollBudget
    if let field = node["default_tile"] {
      guard
        let value = reader.integer(
          field, at: SpaceReader.join(path, "default_tile"), in: 1...65_536,
          what: "tile size of every loop")
      else { return nil }
      tile = value
    }
    if let field = node["unroll_budget"] {
      guard
        let value = reader.integer(
          field, at: SpaceReader.join(path, "unroll_budget"), in: 1...1_048_576,
          what: "total lanes")
      else { return nil }
      budget = value
    }
    let point = StreamTensorPreset.design(
      for: space.prefillGraph, platform: space.platform, precision: space.precision,
      defaultTile: tile, unrollBudget: budget)
    return (.streamTensorPreset(defaultTile: tile, unrollBudget: budget), point)
  }

  /// Reads `config`: variable name to value. Variables not listed take their first value.
  static func readVariables(
    _ node: JSONNode, at path: String, space: SearchSpace, reader: inout SpaceReader
  ) -> (configuration: MeasuredDesign.Configuration, point: DesignPoint)? {
    guard case .object(let members) = node.value else {
      reader.report(
        "expected an object of variable values, found \(node.value.typeName) \(node.excerpt)",
        at: path, node: node)
      return nil
    }
    let variables = space.design.variables
    let names = variables.map(\.name)
    var assignment = Array(repeating: 0, count: variables.count)
    var values: [String: DesignValue] = [:]
    var failed = false

    for member in members {
      let memberPath = SpaceReader.join(path, member.key)
      guard let index = names.firstIndex(of: member.key) else {
        reader.report(
          "unknown variable \"\(member.key)\"\(DidYouMean.hint(for: member.key, among: names)); "
            + "variables: \(names.joined(separator: ", "))", at: memberPath, node: member.value)
        failed = true
        continue
      }
      let allowed = variables[index].values
      guard let value = designValue(member.value),
        let position = allowed.firstIndex(of: value)
      else {
        let list = allowed.map(\.description).joined(separator: ", ")
        reader.report(
          "\(member.value.excerpt) is not a value of \(member.key); values: \(list)",
          at: memberPath, node: member.value)
        failed = true
        continue
      }
      assignment[index] = position
      values[member.key] = value
    }
    guard !failed else { return nil }
    guard space.design.isValid(assignment) else {
      reader.report(
        "the configuration breaks a constraint of the search space (an unroll factor above its "
          + "tile, lutram_max_bits not below uram_min_bits, or max_total_unroll)", at: path,
        node: node)
      return nil
    }
    return (.variables(values), space.design.designPoint(for: assignment))
  }

  static func designValue(_ node: JSONNode) -> DesignValue? {
    if let flag = node.boolValue { return .bool(flag) }
    if let text = node.stringValue { return .string(text) }
    if let number = node.doubleValue, number == number.rounded(), abs(number) < 1e15 {
      return .int(Int(number))
    }
    return nil
  }
}
