/// One decision variable of a search space: a parameter, what it applies to, and its values.
public struct DesignVariable: Sendable, Hashable {
  /// How a strategy should treat the values.
  public enum Kind: String, Sendable, Hashable, Codable {
    /// Positive integers listed in increasing order; neighbours are similar.
    case ordinal
    /// Unordered names.
    case categorical
    /// `false` and `true`.
    case boolean
  }

  /// The condition under which a variable takes effect.
  public struct Condition: Sendable, Hashable {
    /// Index of the controlling variable in `DesignSpace.variables`.
    public var controller: Int
    /// Name of the controlling variable.
    public var controllerName: String
    /// The controller's values (as indices into its `values`) that make the variable active.
    public var activeValueIndices: Set<Int>

    public init(controller: Int, controllerName: String, activeValueIndices: Set<Int>) {
      self.controller = controller
      self.controllerName = controllerName
      self.activeValueIndices = activeValueIndices
    }
  }

  /// Unique name, used as a CSV column and in `when` conditions.
  public var name: String
  public var parameter: DesignParameter
  /// Kernels the value applies to (tile, unroll, loop_order, channels); empty otherwise.
  public var kernels: [String]
  /// The loop the value applies to (tile, unroll); `nil` otherwise.
  public var loop: String?
  /// Edges the value applies to (fuse); empty otherwise.
  public var edges: [EdgeName]
  /// The choices, in the order written (increasing for ordinal variables).
  public var values: [DesignValue]
  /// When set, the variable takes effect only for some values of another variable; otherwise
  /// the default applies.
  public var condition: Condition?

  public init(
    name: String, parameter: DesignParameter, kernels: [String] = [], loop: String? = nil,
    edges: [EdgeName] = [], values: [DesignValue], condition: Condition? = nil
  ) {
    self.name = name
    self.parameter = parameter
    self.kernels = kernels
    self.loop = loop
    self.edges = edges
    self.values = values
    self.condition = condition
  }

  public var kind: Kind { parameter.kind }

  /// Whether every value is a power of two, so that a strategy can encode the values by
  /// their base-2 logarithm.
  public var isPowerOfTwoLadder: Bool {
    kind == .ordinal
      && values.allSatisfy { value in
        guard let number = value.intValue else { return false }
        return number > 0 && number & (number - 1) == 0
      }
  }

  /// The integer values of an ordinal variable, in order; empty for the other kinds.
  public var integerValues: [Int] { values.compactMap(\.intValue) }
}
