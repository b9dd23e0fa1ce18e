/// The knowledge a resource-allocation strategy needs beyond the encoding: which variables
/// allocate resources, and for a fixed choice of the others, what each allocation costs and
/// how fast it runs.
///
/// Outer variables (tiles, loop orders, fusion, FIFO equalisation, SLR placement) shape the
/// loop nests and regions. Allocation variables (unroll factors, DMA channels, memory binding)
/// only spend resources on them. A strategy enumerates or samples outer configurations and
/// asks the oracle for the allocation problem of each.
public protocol AllocationOracle: Sendable {
  /// Indices of the allocation variables, increasing; every other variable is outer.
  var allocationVariables: [Int] { get }

  /// Builds the allocation problem of one outer configuration.
  ///
  /// - Parameter configuration: A configuration whose outer variables are used; its
  ///   allocation variables are ignored.
  /// - Returns: The problem, or `nil` when the outer configuration admits no valid allocation
  ///   (its base configuration, with every allocation variable at its first value, is invalid).
  func problem(outer configuration: [Int]) -> AllocationProblem?
}
