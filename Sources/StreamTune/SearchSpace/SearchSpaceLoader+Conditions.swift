/// Conditions between variables and the checks that need every variable.
extension SearchSpaceLoader {
  /// Resolves each `when` to its controlling variable and the controller's active values.
  static func resolveConditions(_ parsed: inout [ParsedVariable], reader: inout SpaceReader) {
    let names = parsed.map(\.variable.name)
    for index in parsed.indices {
      guard let node = parsed[index].node["when"] else { continue }
      let path = "\(parsed[index].path).when"
      guard case .object(let members) = node.value, members.count == 1, let member = members.first
      else {
        reader.report(
          "expected {\"variable name\": value or [values]} naming one controlling variable, found "
            + "\(node.value.typeName) \(node.excerpt)", at: path, node: node)
        continue
      }
      let memberPath = SpaceReader.join(path, member.key)
      var controller = names.firstIndex(of: member.key)
      if controller == nil {
        let byParameter = parsed.indices.filter {
          parsed[$0].variable.parameter.rawValue == member.key
        }
        if byParameter.count == 1 { controller = byParameter[0] }
      }
      guard let controller else {
        reader.report(
          "no variable named \"\(member.key)\"\(DidYouMean.hint(for: member.key, among: names)); "
            + "a condition names a categorical or fuse variable", at: memberPath, node: member.value
        )
        continue
      }
      let controlling = parsed[controller]
      guard controller != index else {
        reader.report("a variable cannot depend on itself", at: memberPath, node: member.value)
        continue
      }
      guard controlling.variable.kind != .ordinal else {
        reader.report(
          "\"\(controlling.variable.name)\" is ordinal (\(controlling.variable.parameter.rawValue)); a "
            + "condition names a categorical or fuse variable", at: memberPath, node: member.value)
        continue
      }
      guard controlling.node["when"] == nil else {
        reader.report(
          "\"\(controlling.variable.name)\" is itself conditional; conditions cannot be chained",
          at: memberPath, node: member.value)
        continue
      }

      let written = member.value.elements ?? [member.value]
      var active = Set<Int>()
      for (position, valueNode) in written.enumerated() {
        let valuePath =
          member.value.elements == nil ? memberPath : SpaceReader.join(memberPath, position)
        let value: DesignValue? =
          valueNode.stringValue.map(DesignValue.string) ?? valueNode.boolValue.map(DesignValue.bool)
        guard let value, let valueIndex = controlling.variable.values.firstIndex(of: value) else {
          let allowed = controlling.variable.values.map(\.description).joined(separator: ", ")
          reader.report(
            "\(valueNode.excerpt) is not a value of \"\(controlling.variable.name)\"; its values: \(allowed)",
            at: valuePath, node: valueNode)
          continue
        }
        active.insert(valueIndex)
      }
      guard !active.isEmpty else { continue }
      parsed[index].variable.condition = DesignVariable.Condition(
        controller: controller, controllerName: controlling.variable.name,
        activeValueIndices: active)
    }
  }

  /// Requires the fusion policy to be `explicit` wherever a fuse variable is active.
  static func checkFusePolicy(
    _ parsed: [ParsedVariable], defaults: DesignDefaults, reader: inout SpaceReader
  ) {
    let policyIndex = parsed.firstIndex { $0.variable.parameter == .fusionPolicy }
    for entry in parsed where entry.variable.parameter == .fuse {
      if let policyIndex {
        let policy = parsed[policyIndex].variable
        let explicitIndex = policy.values.firstIndex(of: .string(FusionPolicy.explicit.rawValue))
        if let condition = entry.variable.condition, condition.controller == policyIndex,
          let explicitIndex, condition.activeValueIndices == [explicitIndex]
        {
          continue
        }
        reader.report(
          "fuse variable \"\(entry.variable.name)\" takes effect only under the explicit fusion "
            + "policy; add \"when\": {\"\(policy.name)\": \"explicit\"}"
            + (explicitIndex == nil ? " and list \"explicit\" among the policy's values" : ""),
          at: entry.path, node: entry.node)
      } else if defaults.fusionPolicy != .explicit {
        reader.report(
          "fuse variable \"\(entry.variable.name)\" takes effect only under the explicit fusion "
            + "policy, but the policy is \(defaults.fusionPolicy.rawValue); set "
            + "design.defaults.fusion_policy to \"explicit\" or search fusion_policy",
          at: entry.path, node: entry.node)
      }
    }
  }

  /// Reports unroll values that exceed every tile their kernel and loop can take.
  static func checkUnrollReachesTile(
    _ parsed: [ParsedVariable], defaults: DesignDefaults, catalog: KernelCatalog,
    reader: inout SpaceReader
  ) {
    var largestTile: [String: Int] = [:]
    for entry in parsed where entry.variable.parameter == .tile {
      let variable = entry.variable
      for kernel in variable.kernels {
        let loop = variable.loop ?? ""
        var largest = variable.integerValues.max() ?? 0
        if variable.condition != nil {
          let isToken = catalog.isTokenLoop(kernel: kernel, loop: loop)
          let fallback =
            defaults.tile(kernel: kernel, loop: loop)
            ?? (isToken
              ? Int.max : catalog.kernel(named: kernel)?.loop(named: loop)?.tripCount ?? 0)
          largest = max(largest, fallback)
        }
        largestTile["\(kernel).\(loop)"] = largest
      }
    }

    for entry in parsed where entry.variable.parameter == .unroll {
      let variable = entry.variable
      let loop = variable.loop ?? ""
      var limit = Int.max
      var limitingKernel = ""
      for kernel in variable.kernels {
        let isToken = catalog.isTokenLoop(kernel: kernel, loop: loop)
        let tile =
          largestTile["\(kernel).\(loop)"] ?? defaults.tile(kernel: kernel, loop: loop)
          ?? (isToken ? Int.max : catalog.kernel(named: kernel)?.loop(named: loop)?.tripCount ?? 0)
        if tile < limit {
          limit = tile
          limitingKernel = kernel
        }
      }
      for (position, value) in variable.integerValues.enumerated() where value > limit {
        let valueNode = entry.node["values"]?.elements?[position] ?? entry.node
        reader.report(
          "unroll \(value) exceeds every tile of loop \(loop) of \(limitingKernel) (at most \(limit)); "
            + "an unroll factor must not exceed its tile, so remove the value or allow larger tiles",
          at: "\(entry.path).values[\(position)]", node: valueNode)
      }
    }
  }
}
