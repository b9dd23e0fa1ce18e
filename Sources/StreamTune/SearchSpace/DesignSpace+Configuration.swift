/// Reading a design given by variable names, as in `--config CONFIG.json` files.
extension DesignSpace {
  /// An assignment from values given by variable name.
  ///
  /// A configuration file is a JSON object whose keys are the search space's variable names and
  /// whose values are one of each variable's allowed values, written as in the search space
  /// (`{"gemm_tile_k": 32, "gemm_order": "reduction_inner", "fuse_attention": true}`). A
  /// variable the file leaves out takes its first allowed value, and `defaulted` lists it.
  ///
  /// - Parameters:
  ///   - root: The parsed file.
  ///   - file: The file name, for error messages.
  /// - Returns: The assignment and the names of the variables that took their first value.
  /// - Throws: `InputError` listing every unknown name (with a suggestion), every value that is
  ///   not allowed, and an assignment that breaks the space's constraints.
  public func assignment(fromConfiguration root: JSONNode, file: String) throws(InputError) -> (
    assignment: [Int], defaulted: [String]
  ) {
    guard case .object(let members) = root.value else {
      throw InputError(
        InputProblem(
          file: file, path: "(root)",
          message: "must be a JSON object of variable names and values, not \(root.value.typeName)",
          at: root))
    }
    let names = variables.map(\.name)
    var assignment = [Int](repeating: 0, count: variables.count)
    var given = Set<Int>()
    var problems: [InputProblem] = []
    for member in members {
      guard let variable = names.firstIndex(of: member.key) else {
        problems.append(
          InputProblem(
            file: file, path: member.key,
            message: "unknown variable\(DidYouMean.hint(for: member.key, among: names)); "
              + "variables: \(names.joined(separator: ", "))", at: member.value))
        continue
      }
      let allowed = variables[variable].values
      guard let index = allowed.firstIndex(where: { Self.matches($0, member.value) }) else {
        problems.append(
          InputProblem(
            file: file, path: member.key,
            message: "\(member.value.excerpt) is not an allowed value; allowed: "
              + allowed.map(\.description).joined(separator: ", "), at: member.value))
        continue
      }
      assignment[variable] = index
      given.insert(variable)
    }
    if !problems.isEmpty { throw InputError(problems) }
    guard isValid(assignment) else {
      throw InputError(
        InputProblem(
          file: file, path: "(root)",
          message: "the values break a constraint of the search space (an unroll above its "
            + "tile, a tile that does not divide its loop, or the lane budget); run "
            + "streamtune describe for the limits", at: root))
    }
    let defaulted = variables.indices.filter { !given.contains($0) && isActive($0, in: assignment) }
    return (assignment, defaulted.map { names[$0] })
  }

  private static func matches(_ value: DesignValue, _ node: JSONNode) -> Bool {
    switch value {
    case .int(let number): return node.intValue == number
    case .string(let text): return node.stringValue == text
    case .bool(let flag): return node.boolValue == flag
    }
  }
}
