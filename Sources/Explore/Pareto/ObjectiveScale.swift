import Foundation

/// The scale on which strategies compare objectives when they scalarise them.
public enum ObjectiveScale {
  /// Objectives in minimisation form on a logarithmic scale where their sign allows it.
  ///
  /// Latency, energy and resources span orders of magnitude across a space. On a linear scale
  /// a few very slow designs squeeze every good design into a sliver of [0, 1], where a
  /// scalarisation barely separates them. The map is increasing in each
  /// coordinate (log m for m > 0, −log(−m) for a maximised objective m = −v < 0, m unchanged at
  /// 0), so it keeps dominance.
  ///
  /// - Parameter minimized: objectives in minimisation form.
  /// - Returns: the scaled objectives.
  /// - Complexity: O(objectives).
  public static func logarithmic(_ minimized: [Double]) -> [Double] {
    minimized.map { value in
      if value > 0 { return log(value) }
      if value < 0 { return -log(-value) }
      return value
    }
  }
}
