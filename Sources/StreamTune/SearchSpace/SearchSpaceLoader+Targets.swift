/// Kernel and edge targets of design variables, and the checks across variables.
extension SearchSpaceLoader {
  /// Reads `"kernels"`: a name, a selector (`*`, `operation:gemm`) or a list of them.
  ///
  /// A selector keeps only the kernels the parameter applies to: those with the loop, with a
  /// DMA port for channels, or with a reduction loop for loop_order. A kernel named explicitly
  /// must qualify, or it is reported.
  static func readKernels(
    _ node: JSONNode, at path: String, parameter: DesignParameter, loop: String?,
    catalog: KernelCatalog, reader: inout SpaceReader
  ) -> [String] {
    var entries: [(text: String, node: JSONNode, path: String)] = []
    if let text = node.stringValue {
      entries = [(text, node, path)]
    } else if let elements = reader.array(node, at: path, what: "the kernel list") {
      for (index, element) in elements.enumerated() {
        let elementPath = SpaceReader.join(path, index)
        if let text = reader.string(element, at: elementPath, what: "kernel name or selector") {
          entries.append((text, element, elementPath))
        }
      }
    }

    var result: [String] = []
    for entry in entries {
      if let matched = catalog.kernels(matching: entry.text) {
        if entry.text != "*" {
          let operation = String(entry.text.dropFirst(KernelCatalog.selectorPrefix.count))
          let operations = KernelOperation.allCases.map(\.rawValue)
          guard operations.contains(operation) else {
            reader.report(
              "unknown operation \"\(operation)\"\(DidYouMean.hint(for: operation, among: operations)); "
                + "operations: \(operations.joined(separator: ", "))", at: entry.path,
              node: entry.node)
            continue
          }
        }
        let applicable = matched.filter {
          applicability(of: parameter, kernel: $0, loop: loop, catalog: catalog) == nil
        }
        guard !applicable.isEmpty else {
          reader.report(
            "selector \"\(entry.text)\" matches no kernel that \(parameter.rawValue)"
              + (loop.map { " of loop \($0)" } ?? "") + " applies to", at: entry.path,
            node: entry.node)
          continue
        }
        result += applicable.filter { !result.contains($0) }
        continue
      }

      guard catalog.kernel(named: entry.text) != nil else {
        var message =
          "unknown kernel \"\(entry.text)\"\(DidYouMean.hint(for: entry.text, among: catalog.kernelNames))"
        if ["lm_head", "embedding"].contains(entry.text) {
          message += "; the LM head and embedding are kernels only with workload.lm_head \"fpga\""
        }
        reader.report(
          message + "; kernels: \(catalog.kernelNames.joined(separator: ", "))", at: entry.path,
          node: entry.node)
        continue
      }
      if let reason = applicability(of: parameter, kernel: entry.text, loop: loop, catalog: catalog)
      {
        reader.report(reason, at: entry.path, node: entry.node)
        continue
      }
      if !result.contains(entry.text) { result.append(entry.text) }
    }
    return result
  }

  /// Returns why a parameter does not apply to a kernel, or `nil` when it does.
  private static func applicability(
    of parameter: DesignParameter, kernel name: String, loop: String?, catalog: KernelCatalog
  ) -> String? {
    guard let kernel = catalog.kernel(named: name) else { return "unknown kernel \(name)" }
    switch parameter {
    case .tile, .unroll:
      guard let loop, kernel.loop(named: loop) == nil else { return nil }
      let loops = kernel.loops.map(\.name)
      return "kernel \(name) has no loop \"\(loop)\"\(DidYouMean.hint(for: loop, among: loops)); "
        + "its loops: \(loops.joined(separator: ", "))"
    case .channels:
      return catalog.hasDMAPort(name)
        ? nil : "kernel \(name) reads no weights or KV cache, so it has no DMA port for channels"
    case .loopOrder:
      return kernel.loops.contains { $0.kind == .reduction }
        ? nil : "kernel \(name) has no reduction loop, so every loop order is the same"
    default:
      return nil
    }
  }

  /// Reads `"edges"`: a list of `[producer, consumer]` pairs that are edges of the graph.
  static func readEdges(
    _ node: JSONNode, at path: String, catalog: KernelCatalog, reader: inout SpaceReader
  ) -> [EdgeName] {
    guard let elements = reader.array(node, at: path, what: "the edge list") else { return [] }
    let known = catalog.edgeNames
    var result: [EdgeName] = []
    for (index, element) in elements.enumerated() {
      let elementPath = SpaceReader.join(path, index)
      guard let pair = element.elements, pair.count == 2, let producer = pair[0].stringValue,
        let consumer = pair[1].stringValue
      else {
        reader.report(
          "expected an edge [\"producer\", \"consumer\"], found \(element.value.typeName) \(element.excerpt)",
          at: elementPath, node: element)
        continue
      }
      let edge = EdgeName(producer, consumer)
      guard known.contains(edge) else {
        let names = known.map(\.description)
        reader.report(
          "\(edge) is not an edge of the block graph\(DidYouMean.hint(for: edge.description, among: names)); "
            + "edges: \(names.joined(separator: ", "))", at: elementPath, node: element)
        continue
      }
      if !result.contains(edge) { result.append(edge) }
    }
    return result
  }

  /// Reports duplicate names and targets that two variables both set.
  static func checkUniqueness(_ parsed: [ParsedVariable], reader: inout SpaceReader) {
    var names: [String: String] = [:]
    var owners: [String: (name: String, path: String)] = [:]
    for entry in parsed {
      let variable = entry.variable
      if let other = names[variable.name] {
        reader.report(
          "variable name \"\(variable.name)\" is already used by \(other); names must be unique",
          at: "\(entry.path).name", node: entry.node["name"] ?? entry.node)
      }
      names[variable.name] = entry.path

      var targets: [String]
      switch variable.parameter {
      case .tile, .unroll:
        targets = variable.kernels.map {
          "the \(variable.parameter.rawValue) of \($0) loop \(variable.loop ?? "")"
        }
      case .loopOrder, .channels:
        targets = variable.kernels.map { "the \(variable.parameter.rawValue) of \($0)" }
      case .fuse:
        targets = variable.edges.map { "the fusion of edge \($0)" }
      default:
        targets = [variable.parameter.rawValue]
      }
      for target in targets {
        if let owner = owners[target] {
          reader.report(
            "\(target) is already set by variable \"\(owner.name)\" (\(owner.path)); each decision "
              + "may have one variable", at: entry.path, node: entry.node)
          break
        }
        owners[target] = (variable.name, entry.path)
      }
    }
  }
}
