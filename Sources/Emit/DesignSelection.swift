import StreamTune

/// Turns the ways a user names a design (a result row, a config file) into an assignment of
/// the search space's variables.
public enum DesignSelection {
  /// The assignment of a result-table row: one column per variable, values as written in
  /// the search space (other columns are ignored).
  ///
  /// - Throws: `EmitError.invalidInput` when a variable's column is missing or holds a value
  ///   the variable does not have, or when the assignment breaks a built-in constraint.
  public static func assignment(header: [String], row: [String], space: DesignSpace)
    throws(EmitError) -> [Int]
  {
    var assignment: [Int] = []
    for variable in space.variables {
      guard let column = header.firstIndex(of: variable.name), column < row.count else {
        throw .invalidInput(
          "the result table has no column \"\(variable.name)\"; was it written for another "
            + "search space?")
      }
      let text = row[column]
      guard let index = variable.values.firstIndex(where: { $0.description == text }) else {
        throw .invalidInput(
          "column \"\(variable.name)\" has the invalid value \"\(text)\"; its values are "
            + variable.values.map(\.description).joined(separator: ", "))
      }
      assignment.append(index)
    }
    try check(assignment, space: space)
    return assignment
  }

  /// The assignment of a config file, in the format `evaluate --config` reads: a JSON object
  /// mapping variable names to values (`{"gemm_tile_k": 32, "gemm_order": "reduction_inner"}`);
  /// variables the file leaves out take their first listed value.
  ///
  /// - Returns: The assignment and the names of the variables that took their first value.
  /// - Throws: `EmitError.invalidInput` for a file that cannot be read, an unknown name (with
  ///   a suggestion), a value the variable does not have, or a broken built-in constraint.
  public static func assignment(configAt path: String, space: DesignSpace) throws(EmitError)
    -> (assignment: [Int], defaulted: [String])
  {
    do {
      let root = try InputFile.readJSON(at: path)
      return try space.assignment(fromConfiguration: root, file: path)
    } catch {
      throw .invalidInput(error.problems.map(\.description).joined(separator: "\n"))
    }
  }

  static func check(_ assignment: [Int], space: DesignSpace) throws(EmitError) {
    guard space.isValid(assignment) else {
      let values = space.values(for: assignment).map {
        "\($0.name)=\($0.value?.description ?? "-")"
      }
      throw .invalidInput(
        "the design \(values.joined(separator: ", ")) breaks a built-in constraint of the space "
          + "(an unroll factor above its tile, lutram_max_bits not below uram_min_bits, or "
          + "max_total_unroll)")
    }
  }
}
