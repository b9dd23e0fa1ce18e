/// The `design` section: variables, defaults and the lane budget.
extension SearchSpaceLoader {
  static let variableKeys = [
    "name", "parameter", "kernels", "loop", "edges", "values", "when", "description",
  ]

  /// Most values one variable may list.
  static let maxValues = 256

  static func readDesign(
    _ node: JSONNode, catalog: KernelCatalog?, platform: Platform?, reader: inout SpaceReader
  ) -> DesignSpace? {
    guard
      reader.object(node, at: "design", allowed: ["variables", "defaults", "constraints"]) != nil
    else { return nil }
    let before = reader.problems.count

    let defaults = readDefaults(
      node["defaults"], catalog: catalog, platform: platform, reader: &reader)
    var maxTotalUnroll: Int?
    if let constraints = node["constraints"],
      reader.object(constraints, at: "design.constraints", allowed: ["max_total_unroll"]) != nil,
      let field = constraints["max_total_unroll"]
    {
      maxTotalUnroll = reader.integer(
        field, at: "design.constraints.max_total_unroll", in: 1...(1 << 30),
        what: "lane budget (sum over kernels of the product of their unroll factors)")
    }

    var parsed: [ParsedVariable] = []
    if let field = reader.required(
      node, "variables", at: "design", expecting: "a list of decision variables"),
      let elements = reader.array(
        field, at: "design.variables", what: "the variable list", nonEmpty: false)
    {
      for (index, element) in elements.enumerated() {
        if let variable = readVariable(
          element, at: SpaceReader.join("design.variables", index), catalog: catalog,
          platform: platform, reader: &reader)
        {
          parsed.append(variable)
        }
      }
      if parsed.count == elements.count {
        checkUniqueness(parsed, reader: &reader)
        resolveConditions(&parsed, reader: &reader)
      }
    }

    guard reader.problems.count == before, let catalog, let defaults else { return nil }
    checkFusePolicy(parsed, defaults: defaults, reader: &reader)
    checkUnrollReachesTile(parsed, defaults: defaults, catalog: catalog, reader: &reader)
    guard reader.problems.count == before else { return nil }

    let space: DesignSpace
    do {
      space = try DesignSpace(
        variables: parsed.map(\.variable), defaults: defaults, graph: catalog.designGraph,
        tokenLoops: catalog.tokenLoops, maxTotalUnroll: maxTotalUnroll)
    } catch {
      reader.report(error.description, at: "design.variables", node: node["variables"] ?? node)
      return nil
    }
    if space.cardinality.isZero {
      let budget = maxTotalUnroll.map { "; the lane budget max_total_unroll is \($0)" } ?? ""
      reader.report(
        "no assignment of the variables satisfies the constraints (unroll at most tile, "
          + "lutram_max_bits below uram_min_bits\(budget))", at: "design", node: node)
      return nil
    }
    return space
  }

  /// A variable with the nodes needed for later checks.
  struct ParsedVariable {
    var variable: DesignVariable
    var path: String
    var node: JSONNode
  }

  private static func readVariable(
    _ node: JSONNode, at path: String, catalog: KernelCatalog?, platform: Platform?,
    reader: inout SpaceReader
  ) -> ParsedVariable? {
    guard reader.object(node, at: path, allowed: variableKeys) != nil else { return nil }
    let before = reader.problems.count

    var name: String?
    if let field = reader.required(node, "name", at: path, expecting: "a unique variable name") {
      name = reader.string(field, at: "\(path).name", what: "variable name")
      if let text = name, !isValidName(text) {
        reader.report(
          "invalid variable name \"\(text)\"; use 1 to 64 letters, digits, '_', '-' or '.'",
          at: "\(path).name", node: field)
      }
    }
    var parameter: DesignParameter?
    if let field = reader.required(
      node, "parameter", at: path, expecting: DesignParameter.names.joined(separator: ", "))
    {
      parameter = reader.string(
        field, at: "\(path).parameter", what: "parameter", among: DesignParameter.names
      )
      .flatMap(DesignParameter.init(rawValue:))
    }
    guard let parameter else { return nil }

    for (key, allowed) in [
      ("kernels", parameter.takesKernels), ("loop", parameter.takesLoop),
      ("edges", parameter.takesEdges),
    ]
    where !allowed && node[key] != nil {
      reader.report(
        "parameter \(parameter.rawValue) takes no \"\(key)\"; remove it", at: "\(path).\(key)",
        node: node[key]!)
    }
    var loop: String?
    if parameter.takesLoop,
      let field = reader.required(node, "loop", at: path, expecting: "a loop name such as n or k")
    {
      loop = reader.string(field, at: "\(path).loop", what: "loop name")
    }
    var kernels: [String] = []
    if parameter.takesKernels,
      let field = reader.required(
        node, "kernels", at: path, expecting: "kernel names, \"*\" or \"operation:gemm\""),
      let catalog
    {
      kernels = readKernels(
        field, at: "\(path).kernels", parameter: parameter, loop: loop, catalog: catalog,
        reader: &reader)
    }
    var edges: [EdgeName] = []
    if parameter.takesEdges,
      let field = reader.required(
        node, "edges", at: path, expecting: "[[producer, consumer], ...]"),
      let catalog
    {
      edges = readEdges(field, at: "\(path).edges", catalog: catalog, reader: &reader)
    }
    let values = readValues(
      node["values"], at: "\(path).values", parameter: parameter, kernels: kernels, loop: loop,
      catalog: catalog, platform: platform, parent: node, reader: &reader)
    if let field = node["description"] {
      _ = reader.string(field, at: "\(path).description", what: "description")
    }

    guard reader.problems.count == before, let name, let values else { return nil }
    let variable = DesignVariable(
      name: name, parameter: parameter, kernels: kernels, loop: loop, edges: edges, values: values)
    return ParsedVariable(variable: variable, path: path, node: node)
  }

  private static func isValidName(_ name: String) -> Bool {
    !name.isEmpty && name.count <= 64
      && name.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || "_-.".contains($0) }
  }

  private static func readValues(
    _ node: JSONNode?, at path: String, parameter: DesignParameter, kernels: [String],
    loop: String?,
    catalog: KernelCatalog?, platform: Platform?, parent: JSONNode, reader: inout SpaceReader
  ) -> [DesignValue]? {
    guard let node else {
      switch parameter.kind {
      case .ordinal:
        reader.report(
          "missing required key \"values\" (increasing positive integers)", at: path, node: parent)
        return nil
      case .categorical: return parameter.categories.map(DesignValue.string)
      case .boolean: return [.bool(false), .bool(true)]
      }
    }
    guard let elements = reader.array(node, at: path, what: "the value list") else { return nil }
    if elements.count > maxValues {
      reader.report(
        "\(elements.count) values are too many; list at most \(maxValues)", at: path, node: node)
      return nil
    }

    var values: [DesignValue] = []
    var failed = false
    for (index, element) in elements.enumerated() {
      let elementPath = SpaceReader.join(path, index)
      var value: DesignValue?
      switch parameter.kind {
      case .ordinal:
        let range = ordinalRange(parameter, platform: platform)
        value = reader.integer(
          element, at: elementPath, in: range, what: "a \(parameter.rawValue) value"
        )
        .map(DesignValue.int)
        if let number = value?.intValue, let previous = values.last?.intValue, number <= previous {
          reader.report(
            "values must increase: \(number) follows \(previous); list each value once, smallest first",
            at: elementPath, node: element)
          value = nil
        }
        if parameter == .tile, let number = value?.intValue, let loop, let catalog,
          !checkTileDivides(
            number, kernels: kernels, loop: loop, catalog: catalog, at: elementPath, node: element,
            reader: &reader)
        {
          value = nil
        }
      case .categorical:
        value = reader.string(
          element, at: elementPath, what: "\(parameter.rawValue) value", among: parameter.categories
        )
        .map(DesignValue.string)
      case .boolean:
        value = reader.boolean(element, at: elementPath, what: "a fuse value").map(DesignValue.bool)
      }
      guard let value else {
        failed = true
        continue
      }
      if parameter.kind != .ordinal && values.contains(value) {
        reader.report(
          "value \(value) is listed twice; list each value once", at: elementPath, node: element)
        failed = true
        continue
      }
      values.append(value)
    }
    return failed ? nil : values
  }

  private static func ordinalRange(_ parameter: DesignParameter, platform: Platform?)
    -> ClosedRange<Int>
  {
    switch parameter {
    case .tile: return 1...maxTile
    case .unroll: return 1...maxUnroll
    case .channels: return 1...channelCount(platform)
    default: return 1...(1 << 30)
    }
  }

  private static func checkTileDivides(
    _ tile: Int, kernels: [String], loop: String, catalog: KernelCatalog, at path: String,
    node: JSONNode, reader: inout SpaceReader
  ) -> Bool {
    for name in kernels where !catalog.isTokenLoop(kernel: name, loop: loop) {
      guard let trip = catalog.kernel(named: name)?.loop(named: loop), trip.tripCount % tile != 0
      else { continue }
      reportNonDividing(tile, kernel: name, loop: trip, at: path, node: node, reader: &reader)
      return false
    }
    return true
  }
}
