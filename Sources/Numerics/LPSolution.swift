/// An optimal solution of a linear program.
public struct LPSolution: Sendable {
  /// The optimal value of each variable.
  public var values: [Double]

  /// The objective value at `values`, in the problem's own sense.
  public var objective: Double

  /// The dual value (shadow price) of each constraint, in the order the constraints were added:
  /// the change in the optimal objective per unit increase of the constraint's active bound.
  /// It is 0 for constraints whose bounds are not active.
  public var duals: [Double]

  public init(values: [Double], objective: Double, duals: [Double]) {
    self.values = values
    self.objective = objective
    self.duals = duals
  }
}
