/// One thing wrong with an input file: where it is, and what to do about it.
public struct InputProblem: Sendable, Equatable, CustomStringConvertible {
  /// The file the problem is in, as the user named it (or resolved from a search space).
  public var file: String
  /// The JSON path of the offending value, such as `workload.requests[2][0]`, or `(file)` for a
  /// problem with the file as a whole and `(root)` for the top-level value.
  public var path: String
  /// What is wrong, naming the bad value and what is allowed.
  public var message: String
  /// The 1-based line of the offending value, when known.
  public var line: Int?
  /// The 1-based column of the offending value, when known.
  public var column: Int?

  public init(file: String, path: String, message: String, line: Int? = nil, column: Int? = nil) {
    self.file = file
    self.path = path
    self.message = message
    self.line = line
    self.column = column
  }

  /// Creates a problem located at a parsed JSON node.
  public init(file: String, path: String, message: String, at node: JSONNode) {
    self.init(file: file, path: path, message: message, line: node.line, column: node.column)
  }

  public var description: String {
    var location = file
    if let line {
      location += ":\(line)"
      if let column { location += ":\(column)" }
    }
    return "\(location): \(path): \(message)"
  }
}

/// Every problem found in one or more input files; thrown instead of stopping at the first.
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
  public var problems: [InputProblem]

  public init(_ problems: [InputProblem]) {
    self.problems = problems
  }

  public init(_ problem: InputProblem) {
    self.problems = [problem]
  }

  public var description: String {
    problems.map(\.description).joined(separator: "\n")
  }
}
